"""The till: sales from cart to receipt, voids, gift cards, the retail shelf, and closing the day."""
