from solution import RunLengthCodec


def test_runs_become_counts():
    assert RunLengthCodec().encode("AABCCCDEEEE") == "2AB3CD4E"
