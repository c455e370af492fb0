const BRIE = "Aged Brie";
const SULFURAS = "Sulfuras, Hand of Ragnaros";
const PASSES = "Backstage passes to a TAFKAL80ETC concert";
const MAX_QUALITY = 50;

/** Quality after one day; `sellIn` is the value before the day's decrease. */
function nextQuality(name, sellIn, quality) {
  const expired = sellIn <= 0;
  if (name === BRIE) return Math.min(MAX_QUALITY, quality + (expired ? 2 : 1));
  if (name === PASSES) {
    if (expired) return 0;
    const gain = sellIn <= 5 ? 3 : sellIn <= 10 ? 2 : 1;
    return Math.min(MAX_QUALITY, quality + gain);
  }
  let loss = expired ? 2 : 1;
  if (name.startsWith("Conjured ")) loss *= 2;
  return Math.max(0, quality - loss);
}

export function updateQuality(items) {
  return items.map(([name, sellIn, quality]) =>
    name === SULFURAS ? [name, sellIn, quality] : [name, sellIn - 1, nextQuality(name, sellIn, quality)],
  );
}
