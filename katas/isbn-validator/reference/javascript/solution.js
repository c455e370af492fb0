// [0-9], not \d or a Unicode digit class: other scripts' digits are not ISBN digits.
const ISBN10 = /^[0-9]{9}[0-9X]$/;
const ISBN13 = /^97[89][0-9]{10}$/;

function validIsbn10(code) {
  if (!ISBN10.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const value = code[i] === 'X' ? 10 : Number(code[i]);
    sum += value * (10 - i);
  }
  return sum % 11 === 0;
}

function validIsbn13(code) {
  if (!ISBN13.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    sum += Number(code[i]) * (i % 2 ? 3 : 1);
  }
  return sum % 10 === 0;
}

export function isValidIsbn(isbn) {
  const code = isbn.replaceAll('-', '').replaceAll(' ', '');
  return validIsbn10(code) || validIsbn13(code);
}
