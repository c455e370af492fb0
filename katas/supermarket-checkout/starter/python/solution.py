class Checkout:
    """A till that knows today's prices and multi-buy offers."""

    def __init__(self, prices, offers):
        """`prices`: {item: unit price}; `offers`: [[item, quantity, price], ...]."""
        self.prices = prices
        self.offers = offers

    def scan(self, item):
        """Add one `item` to the basket."""
        # TODO
        pass

    def total(self):
        """Return the price of everything scanned so far, offers applied."""
        # TODO
        return None
