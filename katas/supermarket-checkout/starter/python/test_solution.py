from solution import Checkout

PRICES = {"A": 50, "B": 30, "C": 20, "D": 15}
OFFERS = [["A", 3, 130], ["B", 2, 45]]


def test_three_a_are_sold_for_the_offer_price():
    till = Checkout(PRICES, OFFERS)
    for item in "AAA":
        till.scan(item)
    assert till.total() == 130
