from solution import Record


def test_a_typed_int_converts_what_it_is_given():
    record = Record()
    record.declare_typed("age", "int")
    ada = record.create()
    assert record.set(ada, "age", "036") is True
    assert record.get(ada, "age") == "36"
