"""The calendar: a day of every provider or a week of one, and what the desk does to bookings."""
