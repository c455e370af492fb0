from solution import diff_requirements


def test_a_later_version_is_an_upgrade():
    assert diff_requirements("django==4.2.7\n", "django==5.0\n") == ["upgraded django 4.2.7 -> 5.0"]
