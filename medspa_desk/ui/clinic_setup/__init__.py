"""The clinic's set-up, kept in the app: one non-modal dialog, one page per part of it."""
