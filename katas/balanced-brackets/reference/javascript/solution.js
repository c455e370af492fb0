const PARTNERS = { ')': '(', ']': '[', '}': '{' };
const OPENING = new Set(Object.values(PARTNERS));

export function isBalanced(text) {
  const openBrackets = [];
  for (const char of text) {
    if (OPENING.has(char)) {
      openBrackets.push(char);
    } else if (Object.hasOwn(PARTNERS, char)) {
      if (openBrackets.length === 0 || openBrackets.pop() !== PARTNERS[char]) {
        return false;
      }
    }
  }
  return openBrackets.length === 0;
}
