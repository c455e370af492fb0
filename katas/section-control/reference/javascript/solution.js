const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function speedingTickets(sightings, limit) {
  const posts = [...new Set(sightings.map(([, km]) => km))].sort((a, b) => a - b);
  const neighbours = new Set(posts.slice(1).map((km, i) => `${posts[i]}-${km}`));
  const seen = new Map(); // plate -> its sightings
  for (const [plate, km, seconds] of sightings) {
    if (!seen.has(plate)) seen.set(plate, []);
    seen.get(plate).push({ seconds, km });
  }
  const tickets = [];
  for (const [plate, trail] of seen) {
    trail.sort((a, b) => a.seconds - b.seconds);
    for (let i = 1; i < trail.length; i++) {
      const { seconds: start, km: here } = trail[i - 1];
      const { seconds: end, km: there } = trail[i];
      if (!neighbours.has(`${Math.min(here, there)}-${Math.max(here, there)}`)) continue;
      const distance = Math.abs(there - here);
      const elapsed = end - start;
      // Whole numbers only: 3600 * distance / elapsed > limit, without rounding.
      if (3600 * distance > limit * elapsed) {
        tickets.push({ end, plate, ticket: [plate, here, there, Math.floor((3600 * distance) / elapsed)] });
      }
    }
  }
  // Plates are ASCII: comparing with < orders them by character code.
  tickets.sort((a, b) => a.end - b.end || byCode(a.plate, b.plate));
  return tickets.map(({ ticket }) => ticket);
}
