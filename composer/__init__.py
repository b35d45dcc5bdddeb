"""Reply Composer's domain: scenarios, fields, rendering and checks. Knows nothing of Qt."""

from importlib import metadata

try:
    __version__ = metadata.version("reply-composer")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
