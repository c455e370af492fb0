from collections import Counter


class Checkout:
    def __init__(self, prices, offers):
        self.prices = dict(prices)
        self.offers = {}
        for item, quantity, price in offers:
            self.offers.setdefault(item, []).append((quantity, price))
        self.basket = Counter()

    def scan(self, item):
        self.basket[item] += 1

    def _price_of(self, item, count):
        """Cheapest price of `count` units of `item`: best[n] builds on best[n - k]."""
        unit = self.prices[item]
        best = [0] * (count + 1)
        for n in range(1, count + 1):
            best[n] = best[n - 1] + unit
            for quantity, price in self.offers.get(item, []):
                if quantity <= n:
                    best[n] = min(best[n], best[n - quantity] + price)
        return best[count]

    def total(self):
        return sum(self._price_of(item, count) for item, count in self.basket.items())
