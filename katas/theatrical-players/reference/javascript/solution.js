// Prices in cents, by genre, for an audience of `audience` people.
const AMOUNT_IN_CENTS = {
  tragedy: (audience) => 40000 + 1000 * Math.max(audience - 30, 0),
  comedy: (audience) => 30000 + (audience > 20 ? 10000 + 500 * (audience - 20) : 0) + 300 * audience,
  history: (audience) => 35000 + 1200 * Math.max(audience - 25, 0),
};

// Every play earns a credit per seat over thirty, some genres earn extra ones.
const EXTRA_CREDITS = {
  tragedy: () => 0,
  comedy: (audience) => Math.floor(audience / 5),
  history: (audience) => Math.floor(audience / 10),
};

/** Dollars with thousands commas and two digits of cents: 173000 -> "$1,730.00". */
function usd(cents) {
  const dollars = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

function credits(genre, audience) {
  return Math.max(audience - 30, 0) + EXTRA_CREDITS[genre](audience);
}

export function statement(customer, performances, plays) {
  const lines = [`Statement for ${customer}`];
  let total = 0;
  let earned = 0;
  for (const [playId, audience] of performances) {
    const play = plays[playId];
    const amount = AMOUNT_IN_CENTS[play.type](audience);
    lines.push(`  ${play.name}: ${usd(amount)} (${audience} seats)`);
    total += amount;
    earned += credits(play.type, audience);
  }
  lines.push(`Amount owed is ${usd(total)}`);
  lines.push(`You earned ${earned} credits`);
  return lines.join('\n') + '\n';
}
