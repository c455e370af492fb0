const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');

function parseNumber(token) {
  if (!/^\s*[+-]?\d+\s*$/.test(token)) throw new Error(`not a number: ${JSON.stringify(token)}`);
  return Number.parseInt(token, 10);
}

export function add(numbers) {
  const delimiters = [',', '\n'];
  let body = numbers;
  if (numbers.startsWith('//')) {
    const end = numbers.indexOf('\n');
    if (end < 0) throw new Error('the delimiter line has no end');
    const header = numbers.slice(2, end);
    body = numbers.slice(end + 1);
    if (header.startsWith('[')) {
      for (const [, delimiter] of header.matchAll(/\[([^\]]+)\]/g)) delimiters.push(delimiter);
    } else {
      delimiters.push(header);
    }
  }
  if (body === '') return 0;
  // longest first, so that a delimiter is never cut by a shorter one
  const pattern = delimiters
    .toSorted((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const values = body.split(new RegExp(pattern)).map(parseNumber);
  const negatives = values.filter((v) => v < 0);
  if (negatives.length > 0) throw new Error('negatives not allowed: ' + negatives.join(', '));
  return values.filter((v) => v <= 1000).reduce((sum, v) => sum + v, 0);
}
