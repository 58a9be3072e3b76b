"""The checkout view: the sale and its total."""
