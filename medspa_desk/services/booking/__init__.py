"""The appointment book: making bookings, what happens to them after, their money, and the calendar's day and week."""
