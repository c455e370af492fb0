import random

ORDINARY = ["+5 Dexterity Vest", "Elixir of the Mongoose", "Rusty Dagger", "Bag of Holding",
            "Potion of Healing", "Aged Cheddar", "Brie", "Backstage passes"]
CONJURED = ["Conjured Mana Cake", "Conjured Ale", "Conjured Bread", "Conjured Cloak"]
BRIE = "Aged Brie"
SULFURAS = "Sulfuras, Hand of Ragnaros"
PASSES = "Backstage passes to a TAFKAL80ETC concert"


def generate(seed, count):
    """Return `count` inventories for update_quality, deterministic for `seed`."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        items = []
        for _ in range(rng.randint(1, 12)):
            kind = rng.randrange(6)
            if kind == 0:
                name = rng.choice(ORDINARY)
            elif kind == 1:
                name = rng.choice(CONJURED)
            elif kind == 2:
                name = BRIE
            elif kind == 3:
                name = SULFURAS
            elif kind == 4:
                name = PASSES
            else:
                name = rng.choice(ORDINARY + CONJURED)
            sell_in = rng.choice([rng.randint(-3, 12), rng.randint(-20, 30)])
            if name == SULFURAS:
                quality = 80
            else:
                quality = rng.choice([rng.randint(0, 50), rng.randint(0, 4), rng.randint(46, 50)])
            items.append([name, sell_in, quality])
        cases.append({"args": [items]})
    return cases
