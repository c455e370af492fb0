// The segments lit in each digit.
const SEGMENTS = {
  0: ['top', 'upperLeft', 'upperRight', 'lowerLeft', 'lowerRight', 'bottom'],
  1: ['upperRight', 'lowerRight'],
  2: ['top', 'upperRight', 'middle', 'lowerLeft', 'bottom'],
  3: ['top', 'upperRight', 'middle', 'lowerRight', 'bottom'],
  4: ['upperLeft', 'upperRight', 'middle', 'lowerRight'],
  5: ['top', 'upperLeft', 'middle', 'lowerRight', 'bottom'],
  6: ['top', 'upperLeft', 'middle', 'lowerLeft', 'lowerRight', 'bottom'],
  7: ['top', 'upperRight', 'lowerRight'],
  8: ['top', 'upperLeft', 'upperRight', 'middle', 'lowerLeft', 'lowerRight', 'bottom'],
  9: ['top', 'upperLeft', 'upperRight', 'middle', 'lowerRight', 'bottom'],
};

/** The 2 * size + 3 rows, each size + 2 wide, of one digit with the segments `on`. */
function digitRows(on, size) {
  const across = (segment) => ' ' + (on.has(segment) ? '-' : ' ').repeat(size) + ' ';
  const down = (left, right) => {
    const row = (on.has(left) ? '|' : ' ') + ' '.repeat(size) + (on.has(right) ? '|' : ' ');
    return Array(size).fill(row);
  };
  return [
    across('top'),
    ...down('upperLeft', 'upperRight'),
    across('middle'),
    ...down('lowerLeft', 'lowerRight'),
    across('bottom'),
  ];
}

export function lcdDigits(number, size) {
  const blocks = [...String(number)].map((d) => digitRows(new Set(SEGMENTS[d]), size));
  return blocks[0].map((_, i) => blocks.map((rows) => rows[i]).join(' '));
}
