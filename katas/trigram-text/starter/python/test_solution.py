from solution import trigrams


def test_three_words_make_one_trigram():
    assert trigrams("to be or") == {"to be": ["or"]}
