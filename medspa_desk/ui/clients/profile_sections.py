"""The profile's sections as tabs (overview, appointments, purchases, ...), named for the desk,
in the height the window leaves them below the profile's header."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QToolButton, QWidget

# The tab bar scrolls with arrow buttons when the profile is narrow; they are buttons a person
# can press, so they are named like any other.
ARROW_NAMES = {"ScrollLeftButton": "Earlier sections", "ScrollRightButton": "Later sections"}


class ProfileSections(QTabWidget):
    """A tab widget says its height depends on its width when a section's does (the overview's
    wrapped texts), and then every layout above it asks again, at each width it tries, through
    the style sheet: most of the time a profile took to lay out. The sections fill what is left
    of the profile whatever they say, so they say only their smallest size."""

    def __init__(
        self, sections: Sequence[tuple[QWidget, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Profile sections")
        self.setDocumentMode(True)
        self.tabBar().setAccessibleName("Profile section tabs")
        for widget, title in sections:
            self.addTab(widget, title)
        self.setToolTip("Ctrl+Tab and Ctrl+Shift+Tab move between sections")
        for arrow in self.tabBar().findChildren(QToolButton):
            arrow.setAccessibleName(ARROW_NAMES.get(arrow.objectName(), "More sections"))

    def hasHeightForWidth(self) -> bool:
        return False
