/** Age every [name, sellIn, quality] item by one day and return the inventory. */
export function updateQuality(items) {
  for (const item of items) {
    if (item[0] !== "Aged Brie" && item[0] !== "Backstage passes to a TAFKAL80ETC concert") {
      if (item[2] > 0) {
        if (item[0] !== "Sulfuras, Hand of Ragnaros") {
          item[2] = item[2] - 1;
        }
      }
    } else {
      if (item[2] < 50) {
        item[2] = item[2] + 1;
        if (item[0] === "Backstage passes to a TAFKAL80ETC concert") {
          if (item[1] < 11) {
            if (item[2] < 50) {
              item[2] = item[2] + 1;
            }
          }
          if (item[1] < 6) {
            if (item[2] < 50) {
              item[2] = item[2] + 1;
            }
          }
        }
      }
    }
    if (item[0] !== "Sulfuras, Hand of Ragnaros") {
      item[1] = item[1] - 1;
    }
    if (item[1] < 0) {
      if (item[0] !== "Aged Brie") {
        if (item[0] !== "Backstage passes to a TAFKAL80ETC concert") {
          if (item[2] > 0) {
            if (item[0] !== "Sulfuras, Hand of Ragnaros") {
              item[2] = item[2] - 1;
            }
          }
        } else {
          item[2] = item[2] - item[2];
        }
      } else {
        if (item[2] < 50) {
          item[2] = item[2] + 1;
        }
      }
    }
  }
  return items;
}
