/** Return the plain-text statement of an invoice (see the README for the format). */
export function statement(customer, performances, plays) {
  let totalAmount = 0;
  let volumeCredits = 0;
  let result = 'Statement for ' + customer + '\n';

  function format(amount) {
    const [dollars, cents] = amount.toFixed(2).split('.');
    return '$' + dollars.replace(/\B(?=(\d{3})+$)/g, ',') + '.' + cents;
  }

  for (const perf of performances) {
    const play = plays[perf[0]];
    let thisAmount = 0;

    if (play.type === 'tragedy') {
      thisAmount = 40000;
      if (perf[1] > 30) {
        thisAmount += 1000 * (perf[1] - 30);
      }
    } else if (play.type === 'comedy') {
      thisAmount = 30000;
      if (perf[1] > 20) {
        thisAmount += 10000 + 500 * (perf[1] - 20);
      }
      thisAmount += 300 * perf[1];
    } else {
      throw new Error('unknown type: ' + play.type);
    }

    // add volume credits
    volumeCredits += Math.max(perf[1] - 30, 0);
    // add extra credit for every ten comedy attendees
    if ('comedy' === play.type) {
      volumeCredits += Math.floor(perf[1] / 5);
    }

    // print line for this order
    result += '  ' + play.name + ': ' + format(thisAmount / 100) + ' (' + perf[1] + ' seats)\n';
    totalAmount += thisAmount;
  }

  result += 'Amount owed is ' + format(totalAmount / 100) + '\n';
  result += 'You earned ' + volumeCredits + ' credits\n';
  return result;
}
