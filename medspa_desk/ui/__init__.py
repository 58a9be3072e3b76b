"""PySide6 screens: the main window and one package per view. No SQL and no rules here."""
