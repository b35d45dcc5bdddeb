"""The front door to the domain: one data folder opened (``Workspace``), what its operations
change (``Changes``), and each scenario's values while a front end runs (``DraftValues``)."""

from composer.workspace.changes import Changes
from composer.workspace.folder import Composed, UnknownPlatformError, Workspace
from composer.workspace.values import DraftValues

__all__ = ["Changes", "Composed", "DraftValues", "UnknownPlatformError", "Workspace"]
