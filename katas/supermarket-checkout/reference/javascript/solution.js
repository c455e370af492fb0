export class Checkout {
  constructor(prices, offers) {
    // Maps, not objects: an item may be called anything, "constructor" included.
    this.prices = new Map(Object.entries(prices));
    this.offers = new Map(); // item -> [[quantity, price], ...]
    for (const [item, quantity, price] of offers) {
      if (!this.offers.has(item)) this.offers.set(item, []);
      this.offers.get(item).push([quantity, price]);
    }
    this.basket = new Map(); // item -> units scanned
  }

  scan(item) {
    this.basket.set(item, (this.basket.get(item) ?? 0) + 1);
  }

  /** Cheapest price of `count` units of `item`: best[n] builds on best[n - quantity]. */
  priceOf(item, count) {
    const unit = this.prices.get(item);
    const offers = this.offers.get(item) ?? [];
    const best = [0];
    for (let n = 1; n <= count; n++) {
      best[n] = best[n - 1] + unit;
      for (const [quantity, price] of offers) {
        if (quantity <= n) best[n] = Math.min(best[n], best[n - quantity] + price);
      }
    }
    return best[count];
  }

  total() {
    let sum = 0;
    for (const [item, count] of this.basket) sum += this.priceOf(item, count);
    return sum;
  }
}
