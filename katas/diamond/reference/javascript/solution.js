const A = 'A'.codePointAt(0);

export function diamond(letter) {
  const size = letter.codePointAt(0) - A;
  const top = [];
  for (let i = 0; i <= size; i++) {
    const rowLetter = String.fromCodePoint(A + i);
    const outside = ' '.repeat(size - i);
    const middle = i === 0 ? rowLetter : rowLetter + ' '.repeat(2 * i - 1) + rowLetter;
    top.push(outside + middle + outside);
  }
  return [...top, ...top.slice(0, -1).reverse()];
}
