"""The clinic's set-up, one page a tab: its staff and their working hours, and more to come."""
