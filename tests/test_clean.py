import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from polybius.clean import clean_text
from polybius.clean.language import not_english

NEWS_PAGES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "news_pages_dev" / "texts"

WIRE = """Rebels shelled the town on Monday, officials said.
- 'No talks' says minister -
The minister said talks were off.
Copyright \u00a9 2012 Example.com. All Rights Reserved. | https://example.com/stories/1
"""


def test_drops_footer_and_subheading_and_maps_back():
    cleaned = clean_text(WIRE)
    assert "Copyright" not in cleaned.text
    assert "No talks" not in cleaned.text
    assert cleaned.text.splitlines() == ["Rebels shelled the town on Monday, officials said.", "The minister said talks were off."]
    start = cleaned.text.index("talks were")
    o_start, o_end = cleaned.to_original(start, start + len("talks were"))
    assert WIRE[o_start:o_end] == "talks were"
    reasons = {reason for _, _, reason in cleaned.dropped}
    assert {"subheading", "boilerplate line"} <= reasons


def test_normalises_quotes_and_spaces_keeping_offsets():
    raw = "\u201cWe  struck\u00a0targets,\u201d  he said."
    cleaned = clean_text(raw)
    assert cleaned.text == '"We struck targets," he said.'
    i = cleaned.text.index("targets")
    assert raw[slice(*cleaned.to_original(i, i + 7))] == "targets"


def test_furniture_after_section_marker_is_cut():
    body = "Militants attacked a checkpoint overnight, killing two soldiers, officials said. " * 5
    raw = body + "\nOpinion\nEditorial\nA column about another country entirely.\n"
    cleaned = clean_text(raw)
    assert "column" not in cleaned.text
    assert cleaned.dropped[-1][2].startswith("page furniture")


def test_section_word_early_in_text_is_kept():
    raw = "Opinion\nPolice arrested protesters on Friday."
    assert "Police arrested" in clean_text(raw).text


def test_hard_wrapped_lines_are_joined():
    cleaned = clean_text("Soldiers opened fire on\nprotesters in the capital.")
    assert cleaned.text == "Soldiers opened fire on protesters in the capital."


@given(st.text(max_size=500))
def test_offsets_always_point_at_same_character(raw):
    cleaned = clean_text(raw)
    assert len(cleaned.offsets) == len(cleaned.text)
    for position, char in enumerate(cleaned.text):
        original = raw[cleaned.offsets[position]]
        if char not in {" ", "\n", "'", '"', "-"}:
            assert original == char


def test_language_check():
    english = "The police said that the protesters had gathered in the square and were calling for the president to resign after a week of unrest."
    french = "Les manifestants se sont rassembl\u00e9s sur la place et ont r\u00e9clam\u00e9 la d\u00e9mission du pr\u00e9sident de la r\u00e9publique fran\u00e7aise hier soir apr\u00e8s une longue journ\u00e9e."
    spanish = "La polic\u00eda dispar\u00f3 gases lacrim\u00f3genos contra los manifestantes en el centro de la capital el viernes, seg\u00fan testigos, tras una jornada de tensi\u00f3n en la ciudad."
    furniture = ("Home | World | Politics | Sign in | Subscribe | Cookies | Share on Facebook | Tweet | Email\n"
                 "Police fired tear gas at protesters in Tunis on Friday, witnesses said.\n"
                 "Read more | Related stories | Advertisement | Copyright 2013 | Privacy policy | Terms")
    quoting = ("Protesters chanted \"D\u00e9gage, d\u00e9gage\" and \"Le peuple veut la chute du r\u00e9gime\" as police "
               "fired tear gas in Tunis on Friday, according to witnesses at the scene.")
    assert not_english(english) is None and not_english(furniture) is None and not_english(quoting) is None
    assert "fr" in not_english(french) and "es" in not_english(spanish)
    assert not_english("trop court pour juger") is None


def test_real_news_pages_are_english():
    pages = sorted(NEWS_PAGES.glob("*.txt"))
    if not pages:
        pytest.skip("shared news pages are not available")
    for page in pages:
        assert not_english(clean_text(page.read_text(encoding="utf-8")).text) is None, page.name


def test_headline_lists_and_tickers_are_not_article_text():
    raw = ("Off the wire\n"
           "Minister opens new bridge in the north\n"
           "Storm closes schools across the region\n"
           "\n"
           "Police fired tear gas at protesters in the capital on Friday, witnesses said.\n"
           "Rebels seize town  \u2022  Stocks open higher  \u2022  President visits flood zone\n"
           "Related posts\n"
           "Army chief sacked after border clash\n")
    cleaned = clean_text(raw)
    assert cleaned.text == "Police fired tear gas at protesters in the capital on Friday, witnesses said."
    reasons = [reason for _, _, reason in cleaned.dropped]
    assert "headline ticker" in reasons and sum(r.startswith("headline list") for r in reasons) == 5


def test_headline_list_ends_at_the_first_line_of_prose():
    raw = "Most read\nFloods hit the coast\nSoldiers opened fire on protesters in the capital on Friday, killing three people.\n"
    assert clean_text(raw).text == "Soldiers opened fire on protesters in the capital on Friday, killing three people."


def test_comment_boxes_and_photo_credits_are_dropped():
    raw = ("Soldiers opened fire on protesters in the capital on Friday.\n"
           "Protesters run from tear gas in the capital. REUTERS/Jane Doe\n"
           "Thousands marched through the capital on Friday. (AP Photo/John Roe)\n"
           "Leave a Reply\n"
           "You must be logged in to post a comment.\n"
           "Please enter your name here\n")
    assert clean_text(raw).text == ("Soldiers opened fire on protesters in the capital on Friday.\n"
                                    "Protesters run from tear gas in the capital.\n"
                                    "Thousands marched through the capital on Friday.")


def test_a_byline_bar_is_not_a_ticker():
    raw = "Tuesday, April 11, 2023 | 17:15\nPolice arrested ten people."
    cleaned = clean_text(raw)
    assert not any(reason == "headline ticker" for *_, reason in cleaned.dropped)
    assert cleaned.dateline is not None and cleaned.dateline.day == dt.date(2023, 4, 11)  # a date line, kept as the day


def test_print_layout_hyphens_are_joined_when_the_vocabulary_knows_the_word():
    vocabulary = {"conservative", "insulted", "in", "cease", "fire", "ceasefire", "pro", "democracy"}
    raw = "South Korean conser-vative groups in-sulted the North during a cease-fire; pro-democracy marches."
    cleaned = clean_text(raw, is_word=vocabulary.__contains__)
    assert cleaned.text == "South Korean conservative groups insulted the North during a cease-fire; pro-democracy marches."
    i = cleaned.text.index("vative")
    assert raw[slice(*cleaned.to_original(i, i + 6))] == "vative"
    assert "conser-vative" in clean_text(raw).text  # no vocabulary, no change


@pytest.mark.parametrize("furniture", [
    "Image caption, Protesters in the capital on Friday",
    "Getty Images",
    "(Photo by John Doe)",
    "Share on Facebook",
    "Listen to this article",
    "4 min read",
    "Follow us on Twitter",
    "Updated 35 minutes ago",
    "Sign up to our newsletter",
    "Tags: Somalia, security",
])
def test_media_and_share_furniture_is_dropped(furniture):
    text = f"Police fired tear gas at protesters in the capital on Friday.\n{furniture}\nThe army said it had arrested ten people."
    assert clean_text(text).text == "Police fired tear gas at protesters in the capital on Friday.\nThe army said it had arrested ten people."
