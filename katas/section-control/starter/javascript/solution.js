/** Return a ticket [plate, fromKm, toKm, speed] per section driven over `limit` km/h. */
export function speedingTickets(sightings, limit) {
  // TODO
  return null;
}
