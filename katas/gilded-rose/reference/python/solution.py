BRIE = "Aged Brie"
SULFURAS = "Sulfuras, Hand of Ragnaros"
PASSES = "Backstage passes to a TAFKAL80ETC concert"
MAX_QUALITY = 50


def _next_quality(name, sell_in, quality):
    """Quality after one day; `sell_in` is the value before the day's decrease."""
    expired = sell_in <= 0
    if name == BRIE:
        return min(MAX_QUALITY, quality + (2 if expired else 1))
    if name == PASSES:
        if expired:
            return 0
        gain = 3 if sell_in <= 5 else 2 if sell_in <= 10 else 1
        return min(MAX_QUALITY, quality + gain)
    loss = 2 if expired else 1
    if name.startswith("Conjured "):
        loss *= 2
    return max(0, quality - loss)


def update_quality(items):
    updated = []
    for name, sell_in, quality in items:
        if name == SULFURAS:
            updated.append([name, sell_in, quality])
        else:
            updated.append([name, sell_in - 1, _next_quality(name, sell_in, quality)])
    return updated
