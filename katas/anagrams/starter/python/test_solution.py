from solution import find_anagrams


def test_finds_the_only_anagram():
    assert find_anagrams("listen", ["enlists", "google", "inlets", "banana"]) == ["inlets"]
