from solution import gil_trace


def test_two_threads_take_turns():
    assert gil_trace([["A", [3]], ["B", [2]]], 2) == ["A", "A", "B", "B", "A"]
