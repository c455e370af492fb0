from solution import update_quality


def test_conjured_items_lose_quality_twice_as_fast():
    assert update_quality([["Conjured Mana Cake", 3, 6]]) == [["Conjured Mana Cake", 2, 4]]
