// A compensated (Neumaier) sum: plain `+` in a loop loses digits on long lists of
// large values, as Python's math.fsum does not.
function preciseSum(values) {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

export function describe(values) {
  if (values.length === 0) throw new Error("values must not be empty");
  const ordered = [...values].sort((a, b) => a - b); // a copy: never sort the caller's list
  const n = ordered.length;
  const mean = preciseSum(ordered) / n;
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
  const variance = preciseSum(ordered.map((v) => (v - mean) ** 2)) / n;
  return {
    min: ordered[0],
    max: ordered[n - 1],
    mean,
    median,
    stdev: Math.sqrt(variance),
  };
}
