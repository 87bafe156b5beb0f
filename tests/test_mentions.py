"""One act told twice in a sentence is one event, completed from both mentions (coding.mentions)."""

from __future__ import annotations

import datetime as dt

from polybius.coding.mentions import merge_sentence_mentions
from polybius.models import Actor, Cameo, Event, Location, Plover


def mention(trigger: str, code: str, **extra) -> Event:
    return Event(event_id=trigger, article_id="a", sentence_index=0, sentence="s", char_span=(0, 1), trigger=trigger,
                 cameo=Cameo(code=code, root=code[:2], quad_class=4, goldstein=-10.0), plover=Plover(type="ASSAULT"),
                 source=Actor(code="SYRMIL", country="SYR", sector="MIL"), target=extra.pop("target", Actor()), confidence=0.5, **extra)


def test_twins_merge_and_what_one_lacked_is_no_longer_unresolved():
    first = mention("stormed", "190", unresolved={"date": "no date expression", "location": "no place"})
    second = mention("killing", "193", date=dt.date(2016, 5, 3), date_precision="day", fatalities=4,
                     target=Actor(code="SYRREB", country="SYR", sector="REB"))
    [merged] = merge_sentence_mentions([first, second])
    assert merged.cameo.code == "193" and merged.fatalities == 4 and merged.date == dt.date(2016, 5, 3)
    assert merged.target.code == "SYRREB"
    assert merged.unresolved == {"location": "no place"}


def test_different_roots_stay_apart():
    found = merge_sentence_mentions([mention("stormed", "190"), mention("protest", "141",
                                     location=Location(text="Idlib", country="SYR", precision="admin1"))])
    assert [e.cameo.root for e in found] == ["19", "14"]
