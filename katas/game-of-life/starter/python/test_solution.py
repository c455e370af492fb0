from solution import next_generation


def test_a_lonely_cell_dies():
    assert next_generation(["...", ".*.", "..."]) == ["...", "...", "..."]
