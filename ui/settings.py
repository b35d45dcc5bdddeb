"""What the window remembers between runs: geometry, splitters, the last scenario.

Kept in ``settings.ini`` in the data folder (never the registry or ~/.config), so a test or a
second data folder has settings of its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from composer.platforms import DEFAULT_PLATFORM


class WindowSettings:
    """A typed face over QSettings, with defaults."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "settings.ini"
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _set(self, key: str, value: object) -> None:
        self._qsettings.setValue(key, value)

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self._set(f"splitters/{name}", value)

    @property
    def last_scenario(self) -> str | None:
        value = self._qsettings.value("draft/lastScenario")
        return str(value) if value else None

    @last_scenario.setter
    def last_scenario(self, value: str) -> None:
        self._set("draft/lastScenario", value)

    @property
    def platform(self) -> str:
        """The platform whose message rules the checks apply (until a profile gives one)."""
        value = self._qsettings.value("checks/platform")
        return str(value) if value else DEFAULT_PLATFORM

    @platform.setter
    def platform(self, value: str) -> None:
        self._set("checks/platform", value)

    @property
    def ui_language(self) -> str:
        return str(self._qsettings.value("ui/language", "en"))

    def sync(self) -> bool:
        """Write to disk; False when the folder cannot be written (the app keeps working)."""
        self._qsettings.sync()
        return self._qsettings.status() == QSettings.Status.NoError
