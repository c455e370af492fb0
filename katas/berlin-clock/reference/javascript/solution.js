function row(lit, total, colour) {
  return colour.repeat(lit) + 'O'.repeat(total - lit);
}

export function berlinClock(time) {
  const [hours, minutes, seconds] = time.split(':').map(Number);
  let fiveMinutes = '';
  for (let i = 0; i < 11; i++) {
    fiveMinutes += i < Math.floor(minutes / 5) ? (i % 3 === 2 ? 'R' : 'Y') : 'O';
  }
  return [
    seconds % 2 === 0 ? 'Y' : 'O',
    row(Math.floor(hours / 5), 4, 'R'),
    row(hours % 5, 4, 'R'),
    fiveMinutes,
    row(minutes % 5, 4, 'Y'),
  ];
}
