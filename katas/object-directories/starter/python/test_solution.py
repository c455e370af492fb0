from solution import DirectoryStore


def test_a_string_is_one_file():
    assert DirectoryStore().to_files('{"name": "Ada"}') == {"name.str": "Ada"}
