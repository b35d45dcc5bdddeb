"""The front door to the domain: one data folder opened (``Workspace``), what its operations
change (``Changes``), each scenario's values while a front end runs (``DraftValues``), and
which languages a reply is shown in (``reply_languages``)."""

from composer.workspace.changes import Changes
from composer.workspace.folder import Composed, UnknownPlatformError, Workspace
from composer.workspace.reply_languages import (
    ShownLanguages,
    buyer_languages,
    pick_buyer_language,
    shown_languages,
)
from composer.workspace.values import DraftValues

__all__ = [
    "Changes",
    "Composed",
    "DraftValues",
    "ShownLanguages",
    "UnknownPlatformError",
    "Workspace",
    "buyer_languages",
    "pick_buyer_language",
    "shown_languages",
]
