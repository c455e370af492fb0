SET_PRICES = {1: 800, 2: 1520, 3: 2160, 4: 2560, 5: 3000}


def price(books):
    copies = [books.count(volume) for volume in range(1, 6)]
    # Greedy grouping: each set takes one copy of every volume still in the basket.
    sizes = []
    while any(copies):
        sizes.append(sum(1 for c in copies if c > 0))
        copies = [c - 1 if c > 0 else 0 for c in copies]
    # Of all the ways to rebalance the greedy sets, only one pays: a set of five and a
    # set of three (5160) cost more than two sets of four (5120).
    swaps = min(sizes.count(5), sizes.count(3))
    saving = swaps * (SET_PRICES[5] + SET_PRICES[3] - 2 * SET_PRICES[4])
    return sum(SET_PRICES[s] for s in sizes) - saving
