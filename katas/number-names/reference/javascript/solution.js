const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen',
  'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand'], [1, '']];

// Quotient and remainder of non-negative integers, exact for any safe integer.
function divmod(n, d) {
  const rest = n % d;
  return [(n - rest) / d, rest];
}

function belowHundred(n) {
  if (n < 20) return SMALL[n];
  const [tens, units] = divmod(n, 10);
  return TENS[tens] + (units ? '-' + SMALL[units] : '');
}

function belowThousand(n) {
  const [hundreds, rest] = divmod(n, 100);
  if (hundreds === 0) return belowHundred(rest);
  const words = SMALL[hundreds] + ' hundred';
  return words + (rest ? ' and ' + belowHundred(rest) : '');
}

export function numberName(n) {
  if (n < 0) return 'minus ' + numberName(-n);
  if (n === 0) return 'zero';
  let text = '';
  for (const [scale, word] of SCALES) {
    let group;
    [group, n] = divmod(n, scale);
    if (group === 0) continue;
    const name = belowThousand(group) + (word ? ' ' + word : '');
    if (!text) {
      text = name;
    } else if (scale === 1 && group < 100) {
      text += ' and ' + name;
    } else {
      text += ', ' + name;
    }
  }
  return text;
}
