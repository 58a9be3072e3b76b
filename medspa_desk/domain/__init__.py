"""The desk's rules and value types: plain Python, no Qt, no SQLAlchemy."""
