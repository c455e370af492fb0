/** A till that knows today's prices and multi-buy offers. */
export class Checkout {
  /** `prices`: {item: unit price}; `offers`: [[item, quantity, price], ...]. */
  constructor(prices, offers) {
    this.prices = prices;
    this.offers = offers;
  }

  /** Add one `item` to the basket. */
  scan(item) {
    // TODO
  }

  /** Return the price of everything scanned so far, offers applied. */
  total() {
    // TODO
    return null;
  }
}
