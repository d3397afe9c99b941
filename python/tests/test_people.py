"""People and countries: the author facet counts people, author:"Name" matches every spelling, the
alias table (and a malformed one), person keys, the country facet and the country: filter."""
import pytest

import caci

PAGE = """By S. Frederick Starr
January 29, 2025
Pipelines from Baku across the Caspian.
By Frederick Starr
March 5, 2024
Tbilisi and the Georgian ports. Georgia votes.
By Erkin Akhmadov
May 2, 2023
Tashkent reforms in Uzbekistan.
By Erkin Ahmadov
May 3, 2023
Uzbek cotton and Samarkand.
"""


@pytest.fixture()
def index():
    with caci.parse(("people.txt", PAGE.encode())) as doc, caci.Index(doc) as ix:
        yield ix


def names(ix, query):
    return sorted(h.article.authors[0].name for h in ix.search(query, limit=50))


def test_people_not_spellings(index):
    facet = {v.value: v.count for v in index.search("", facets=True).facets["author"]}
    assert facet["Frederick Starr"] == 2
    assert "S. Frederick Starr" not in facet
    assert names(index, 'author:"Frederick Starr"') == ["Frederick Starr", "S. Frederick Starr"]
    assert index.person_key("Dr. S. Frederick Starr") == "frederick starr"


def test_alias_table_and_its_errors(index):
    assert names(index, 'author:"Erkin Akhmadov"') == ["Erkin Akhmadov"]
    index.set_author_aliases("# one person\nErkin Akhmadov = Erkin Ahmadov\n")
    assert index.author_aliases == "# one person\nErkin Akhmadov = Erkin Ahmadov\n"
    assert names(index, 'author:"Erkin Akhmadov"') == ["Erkin Ahmadov", "Erkin Akhmadov"]
    with pytest.raises(caci.CaciError) as err:
        index.set_author_aliases("A B = C D\nno equals sign\n")
    assert err.value.status == caci.Status.CACI_EINVAL
    assert "aliases line 2" in str(err.value)
    assert names(index, 'author:"Erkin Akhmadov"') == ["Erkin Ahmadov", "Erkin Akhmadov"]
    with pytest.raises(TypeError):
        index.set_author_aliases(None)


def test_country_facet_and_filter(index):
    countries = {v.value: v.count for v in index.search("", facets=True).facets["country"]}
    assert countries["Uzbekistan"] == 2
    assert countries["Georgia"] == 1
    assert index.search("country:uzbekistan").total == 2
    assert index.search("country:GEORGIA").total == 1
    with pytest.raises(caci.CaciError) as err:
        index.search("country:atlantis")
    assert "unknown country" in str(err.value)
