"""Mail the desk sends: the queue, the clinic's mail server, and the messages' texts."""
