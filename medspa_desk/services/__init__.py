"""One module per job the desk does; each action is one transaction. No Qt here."""
