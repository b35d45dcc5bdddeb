"""What the window remembers between runs: geometry, splitters, the last scenario and buyer's
language.

Kept in ``settings.ini`` in the data folder (never the registry or ~/.config), so a test or a
second data folder has settings of its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10  # the current scenario and the nine Ctrl+1..9 reopen


class WindowSettings:
    """A typed face over QSettings, with defaults."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
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
        from composer.judgement.rules import DEFAULT_PLATFORM  # the frame reads settings before it

        value = self._qsettings.value("checks/platform")
        return str(value) if value else DEFAULT_PLATFORM

    @platform.setter
    def platform(self, value: str) -> None:
        self._set("checks/platform", value)

    @property
    def platform_chosen(self) -> bool:
        """True once the seller picked a platform in the window (it then beats the profile's)."""
        return bool(self._qsettings.value("checks/platform"))

    @property
    def reply_format(self) -> str:
        """ "chat" (a platform message, the default) or "email" (the longer letter); any other
        value is the window's to reject."""
        return str(self._qsettings.value("draft/format", "chat") or "chat")

    @reply_format.setter
    def reply_format(self, value: str) -> None:
        self._set("draft/format", value)

    @property
    def buyer_language(self) -> str | None:
        """The reply language the buyer was answered in last (``es``); None before any."""
        value = self._qsettings.value("draft/buyerLanguage")
        return str(value) if value else None

    @buyer_language.setter
    def buyer_language(self, value: str) -> None:
        self._set("draft/buyerLanguage", value)

    @property
    def ui_language(self) -> str:
        """The interface language chosen in the menu; "" follows the system."""
        return str(self._qsettings.value("ui/language", "") or "")

    @ui_language.setter
    def ui_language(self, value: str) -> None:
        self._set("ui/language", value)

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        return str(self._qsettings.value("ui/theme", "system") or "system")

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("ui/theme", value)

    @property
    def recent_scenarios(self) -> list[str]:
        """Scenario ids, most recently opened first."""
        value = self._qsettings.value("draft/recentScenarios", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v][:MAX_RECENT]

    def add_recent(self, scenario_id: str) -> None:
        recent = [scenario_id, *(r for r in self.recent_scenarios if r != scenario_id)]
        self._set("draft/recentScenarios", recent[:MAX_RECENT])

    @property
    def first_run_done(self) -> bool:
        return str(self._qsettings.value("ui/firstRunDone", "false")).lower() == "true"

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self._set("ui/firstRunDone", "true" if value else "false")

    def sync(self) -> bool:
        """Write to disk; False when the folder cannot be written (the app keeps working)."""
        self._qsettings.sync()
        return self._qsettings.status() == QSettings.Status.NoError
