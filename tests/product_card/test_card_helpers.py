"""Pure helpers of the card: which attributes set variants apart (C11)."""
from backoffice.catalog.selectors_card import attribute_differences


def test_only_attributes_that_differ_count_and_missing_is_a_value():
    sets = [
        {"Moc": "700 W", "Kolor": "niebieski", "Rozmiar": ["S", "M"]},
        {"Moc": "700 W", "Kolor": "zielony", "Rozmiar": ["S", "M"]},
        {"Moc": "700 W", "Kolor": "zielony", "Rozmiar": ["S", "M"], "Zasilanie": "akumulator"},
    ]
    assert attribute_differences(sets) == ["Kolor", "Zasilanie"]


def test_numbers_and_strings_compare_as_shown():
    assert attribute_differences([{"Długość": 5}, {"Długość": "5"}]) == []
    assert attribute_differences([{"Długość": 5}, {"Długość": 10}]) == ["Długość"]


def test_a_product_alone_has_no_differences():
    assert attribute_differences([{"Kolor": "czerwony"}]) == []
    assert attribute_differences([]) == []
