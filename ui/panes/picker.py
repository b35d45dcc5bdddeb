"""The scenario picker: scenarios grouped by category, filtered as the seller types."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from composer.templating.scenario import Catalog
from ui.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3


def build_model(
    catalog: Catalog, language: str, parent: QObject | None = None
) -> QStandardItemModel:
    """Category rows holding scenario rows; each scenario row carries its id and search text."""
    model = QStandardItemModel(parent)
    groups: dict[str, QStandardItem] = {}
    for scenario in catalog:
        group = groups.get(scenario.category)
        if group is None:
            category = catalog.category(scenario.category)
            group = QStandardItem(category.title(language))
            group.setSelectable(False)
            group.setEditable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            groups[scenario.category] = group
            model.appendRow(group)
        item = QStandardItem(scenario.title(language))
        item.setEditable(False)
        item.setData(scenario.id, ID_ROLE)
        category_titles = " ".join(catalog.category(scenario.category).titles.values())
        item.setData(f"{scenario.search_text()} {category_titles.casefold()}", SEARCH_ROLE)
        titles = " ".join([scenario.id, *scenario.titles.values()])
        item.setData(titles.casefold(), TITLE_ROLE)
        others = [t for code, t in scenario.titles.items() if code != language]
        item.setToolTip("\n".join([scenario.title(language), *others, scenario.id]))
        group.appendRow(item)
    return model


class ScenarioFilter(QSortFilterProxyModel):
    """Keeps the scenarios whose titles, id or keywords contain every word typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._terms = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # older Qt
            self._terms = text.casefold().split()
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = index.data(SEARCH_ROLE)
        if haystack is None:  # a category: shown when one of its scenarios is
            return False
        return all(term in haystack for term in self._terms)


class ScenarioPicker(QWidget):
    """Search box over a tree. Arrows in the search move through matches; Enter picks."""

    scenarioChosen = Signal(str)  # shown while browsing (a click, an arrow in the list)
    scenarioActivated = Signal(str)  # Enter: the seller wants to fill this one in

    def __init__(self, catalog: Catalog, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPane")
        self.search = QLineEdit(self)
        self.search.setObjectName("scenarioSearch")
        self.search.setClearButtonEnabled(True)
        self.catalog = catalog
        self.language = language
        self.model = build_model(catalog, language, self)
        self.proxy = ScenarioFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("scenarioPicker")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expandAll()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)

        self._quiet = False
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._choose_current)
        self.search.installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(lambda index: self._choose(index, activate=True))
        self.tree.clicked.connect(lambda index: self._choose(index))
        self.retranslate()

    def retranslate(self) -> None:
        """Set the interface texts in the current interface language."""
        self.search.setPlaceholderText(_("Search scenarios (e.g. delay, 催付)"))
        self.search.setAccessibleName(_("Search scenarios"))
        self.search.setAccessibleDescription(
            _("Type words in English or Chinese; arrows move through the matches, Enter opens one")
        )
        self.tree.setAccessibleName(_("Scenarios"))
        self.tree.setAccessibleDescription(_("Scenarios grouped by category"))

    def set_language(self, language: str) -> None:
        """Show scenario and category titles in the reply language ``language``."""
        if language == self.language:
            return
        self.language = language
        self.refresh()

    def refresh(self) -> None:
        """Build the list again from the catalog (its scenarios changed), keeping the search
        and the highlighted scenario."""
        current = self.tree.currentIndex().data(ID_ROLE)
        old = self.model
        self.model = build_model(self.catalog, self.language, self)
        self.proxy.setSourceModel(self.model)
        old.deleteLater()
        self.tree.expandAll()
        if current:
            self.select(current)

    # --- what the window asks of it -----------------------------------------------------------

    def select(self, scenario_id: str) -> bool:
        """Highlight ``scenario_id`` without announcing it as chosen; False if not shown."""
        index = self._find(scenario_id)
        if not index.isValid():
            return False
        self._set_current(index)
        return True

    def visible_ids(self) -> list[str]:
        """The ids currently listed, top to bottom."""
        return [self.proxy.data(i, ID_ROLE) for i in self._scenario_indexes()]

    # --- behaviour ----------------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self.tree.expandAll()
        best = self._best_match(text)
        if best.isValid():
            self._set_current(best)

    def _best_match(self, text: str) -> QModelIndex:
        """The scenario Enter opens: the first whose title or id has every word typed, else
        the first that matches on keywords."""
        indexes = self._scenario_indexes()
        terms = text.casefold().split()
        for index in indexes:
            if all(term in (index.data(TITLE_ROLE) or "") for term in terms):
                return index
        return indexes[0] if indexes else QModelIndex()

    def _scenario_indexes(self) -> list[QModelIndex]:
        found: list[QModelIndex] = []
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            found.extend(self.proxy.index(r, 0, group) for r in range(self.proxy.rowCount(group)))
        return found

    def _find(self, scenario_id: str) -> QModelIndex:
        for index in self._scenario_indexes():
            if index.data(ID_ROLE) == scenario_id:
                return index
        return QModelIndex()

    def _set_current(self, index: QModelIndex) -> None:
        self._quiet = True
        try:
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        finally:
            self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Arrowing through the tree itself shows each scenario as it goes.
        if not self._quiet and self.tree.hasFocus():
            self._choose(current)

    def _choose(self, index: QModelIndex, activate: bool = False) -> None:
        scenario_id = index.data(ID_ROLE) if index.isValid() else None
        if scenario_id:
            (self.scenarioActivated if activate else self.scenarioChosen).emit(scenario_id)

    def _choose_current(self) -> None:
        current = self.tree.currentIndex()
        if not current.isValid() or current.data(ID_ROLE) is None:
            indexes = self._scenario_indexes()
            current = indexes[0] if indexes else QModelIndex()
        self._choose(current, activate=True)

    def _step(self, delta: int) -> None:
        indexes = self._scenario_indexes()
        if not indexes:
            return
        current = self.tree.currentIndex()
        try:
            position = indexes.index(current) + delta
        except ValueError:
            position = 0 if delta > 0 else len(indexes) - 1
        self._set_current(indexes[max(0, min(position, len(indexes) - 1))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            key = event.key() if event.type() == QEvent.Type.KeyPress else None
            if key == Qt.Key.Key_Down:
                self._step(1)
                return True
            if key == Qt.Key.Key_Up:
                self._step(-1)
                return True
        return super().eventFilter(watched, event)
