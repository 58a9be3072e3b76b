import pytest

from medspa_desk.domain.search_text import fold_for_search, phone_digits


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("José Núñez", "jose nunez"),
        ("Zoë O'Brien", "zoe obrien"),
        ("Zoë O’Brien", "zoe obrien"),
        ("Nguyễn Thị Hoa", "nguyen thi hoa"),
        ("Đặng  Văn", "dang van"),
        ("Anne-Marie Straße", "annemarie strasse"),
    ],
)
def test_names_fold_to_plain_lowercase(name, folded):
    assert fold_for_search(name) == folded


def test_phone_digits():
    assert phone_digits("(406) 287-6565") == "4062876565"
