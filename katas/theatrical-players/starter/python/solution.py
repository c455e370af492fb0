import math


def statement(customer, performances, plays):
    """Return the plain-text statement of an invoice (see the README for the format)."""
    total_amount = 0
    volume_credits = 0
    result = "Statement for " + customer + "\n"

    def format(amount):
        return "${:,.2f}".format(amount)

    for perf in performances:
        play = plays[perf[0]]
        this_amount = 0

        if play["type"] == "tragedy":
            this_amount = 40000
            if perf[1] > 30:
                this_amount += 1000 * (perf[1] - 30)
        elif play["type"] == "comedy":
            this_amount = 30000
            if perf[1] > 20:
                this_amount += 10000 + 500 * (perf[1] - 20)
            this_amount += 300 * perf[1]
        else:
            raise ValueError("unknown type: " + play["type"])

        # add volume credits
        volume_credits += max(perf[1] - 30, 0)
        # add extra credit for every ten comedy attendees
        if "comedy" == play["type"]:
            volume_credits += math.floor(perf[1] / 5)

        # print line for this order
        result += "  " + play["name"] + ": " + format(this_amount / 100) + " (" + str(perf[1]) + " seats)\n"
        total_amount += this_amount

    result += "Amount owed is " + format(total_amount / 100) + "\n"
    result += "You earned " + str(volume_credits) + " credits\n"
    return result
