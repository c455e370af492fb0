/** Return the price in cents of a basket of volumes (1 to 5), best discount applied. */
export function price(books) {
  // TODO: start with the empty basket, then one book.
  return null;
}
