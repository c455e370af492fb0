from solution import statement


def test_a_history_play():
    plays = {"henry-v": {"name": "Henry V", "type": "history"}}
    assert statement("Globe Trust", [["henry-v", 30]], plays) == (
        "Statement for Globe Trust\n"
        "  Henry V: $410.00 (30 seats)\n"
        "Amount owed is $410.00\n"
        "You earned 3 credits\n"
    )
