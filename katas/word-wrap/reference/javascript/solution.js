export function wrap(text, width) {
  const lines = [];
  let current = '';
  for (let word of text.split(/\s+/).filter((w) => w !== '')) {
    while (word) {
      if (!current && word.length > width) {
        lines.push(word.slice(0, width));
        word = word.slice(width);
      } else if (!current) {
        current = word;
        word = '';
      } else if (current.length + 1 + word.length <= width) {
        current += ' ' + word;
        word = '';
      } else {
        lines.push(current);
        current = '';
      }
    }
  }
  if (current) lines.push(current);
  return lines.join('\n');
}
