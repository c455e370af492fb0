const WHITESPACE = /[ \t\n\r]+/;

export function trigrams(text) {
  const words = text.split(WHITESPACE).filter((word) => word !== "");
  const followers = new Map();
  for (let i = 0; i + 2 < words.length; i++) {
    const key = words[i] + " " + words[i + 1];
    if (!followers.has(key)) followers.set(key, []);
    followers.get(key).push(words[i + 2]);
  }
  // The default sort compares UTF-16 code units: the character codes, for ASCII text.
  return Object.fromEntries([...followers].map(([key, after]) => [key, after.sort()]));
}
