"""Moving in from the system the clinic used before, and out again: its export files read, mapped
and checked row by row, then brought into the books in one transaction per file."""
