import datetime as dt

from polybius.evaluate.gold import GoldEvent, parse_event
from polybius.evaluate.matching import match_events, same_word
from polybius.evaluate.metrics import score_items
from polybius.evaluate.shared import event_meets, judge_article
from polybius.models import Actor, Cameo, Event, Location, Plover, Status


def make_event(trigger: str, code: str, sentence_index: int = 0, **extra) -> Event:
    return Event(
        event_id=f"{trigger}-{code}-{extra.get('source', Actor()).country}",
        article_id="a",
        sentence_index=sentence_index,
        sentence="s",
        char_span=(0, 1),
        trigger=trigger,
        cameo=Cameo(code=code, root=code[:2], quad_class=4, goldstein=-10.0),
        plover=Plover(type="ASSAULT"),
        source=extra.pop("source", Actor()),
        target=extra.pop("target", Actor()),
        confidence=0.5,
        **extra,
    )


def test_same_word():
    assert same_word("strikes", "strike") and same_word("Struck", "struck")
    assert not same_word("attack", "accuse")


def test_trigger_pairs_win_and_coordination_collapses():
    gold = [parse_event({"cameo_root": "19", "trigger": "struck", "source": {"country": "RUS"}}),
            parse_event({"cameo_root": "11", "trigger": "condemned"})]
    predicted = [
        make_event("struck", "195", source=Actor(country="RUS")),
        make_event("struck", "195", source=Actor(country="SYR")),  # coordination duplicate
        make_event("talks", "046"),
    ]
    pairs = match_events(gold, predicted)
    assert [(p.gold is not None, p.predicted.trigger if p.predicted else None) for p in pairs] == [
        (True, "struck"), (True, None), (False, "talks")]
    scores = score_items([pairs], by="root", fields=["actors"])
    assert scores.tp["19"] == 1 and scores.fn["11"] == 1 and scores.fp["04"] == 1
    assert scores.fields()["source_country"] == {"accuracy": 1.0, "n": 1}
    assert scores.overall()["precision"] == 0.5


def test_wrong_root_is_a_miss_and_a_false_alarm():
    pairs = match_events([GoldEvent(cameo_root="18", trigger="attacked", present=frozenset({"cameo_root", "trigger"}))],
                         [make_event("attacked", "190")])
    scores = score_items([pairs])
    assert scores.fn["18"] == 1 and scores.fp["19"] == 1
    assert scores.confusion["18"]["19"] == 1


def test_gold_without_trigger_pairs_by_root():
    pairs = match_events([GoldEvent(cameo_root="14")], [make_event("rally", "141"), make_event("fired", "175")])
    assert pairs[0].predicted.trigger == "rally"


def test_shared_criteria():
    event = make_event("fired", "175", date=dt.date(2011, 1, 14), status=Status.ASSERTED,
                       source=Actor(country="TUN"),
                       location=Location(text="Tunis", admin1="Tunis", country="TUN", lat=36.8, lon=10.2, precision="city"))
    assert event_meets(event, {"name": "x", "cameo_root": ["17", "18"], "source_country": "TUN", "location_admin1_contains": "tunis"})
    assert not event_meets(event, {"name": "x", "date_after": "2011-01-15"})
    results = judge_article("a", {"must": [{"name": "m", "cameo_root": ["14"]}], "must_not": [{"name": "n", "date_year": "2024"}]}, [event])
    assert [r.passed for r in results] == [False, True]


def test_failing_criteria_carry_the_events_produced_instead():
    event = make_event("fired", "175", date=dt.date(2011, 1, 14), source=Actor(country="TUN"))
    must, must_not = judge_article("a", {"must": [{"name": "m", "cameo_root": ["14"], "source_country": "TUN"}],
                                         "must_not": [{"name": "n", "date_year": "2011"}]}, [event])
    assert not must.passed and len(must.evidence) == 1
    assert "'fired' 175 TUN->" in must.evidence[0] and "misses cameo_root=['14']" in must.evidence[0]
    assert "source_country" not in must.evidence[0]  # only what the closest event misses
    assert not must_not.passed and "date=2011-01-14" in must_not.evidence[0]
    assert judge_article("a", {"must": [{"name": "m", "cameo_root": ["14"]}]}, [])[0].evidence == ("no events",)


def test_two_word_trigger_and_root_fallback():
    gold = [parse_event({"cameo_root": "19", "trigger": "siege"}), parse_event({"cameo_root": "11", "trigger": "blasted"})]
    pairs = match_events(gold, [make_event("imposed a complete siege", "191"), make_event("condemned", "111")])
    assert [p.predicted.trigger for p in pairs] == ["imposed a complete siege", "condemned"]


def test_gold_two_way_events_collapse():
    gold = [parse_event({"cameo_code": "040", "trigger": "met", "source": {"country": "USA"}}),
            parse_event({"cameo_code": "040", "trigger": "met", "source": {"country": "RUS"}})]
    pairs = match_events(gold, [make_event("met", "040")])
    assert len(pairs) == 1 and pairs[0].predicted is not None


def test_location_km_error():
    from polybius.evaluate.metrics import haversine_km

    assert abs(haversine_km(35.93, 36.63, 35.13, 36.75) - 89.6) < 2  # Idlib city to Hama city
    gold = [parse_event({"cameo_root": "19", "trigger": "struck", "location": {"lat": 35.93, "lon": 36.63}})]
    located = make_event("struck", "195", location=Location(text="Idlib", lat=35.93, lon=36.64, precision="city"))
    scores = score_items([match_events(gold, [located])])
    report = scores.location_km()
    assert report["n"] == 1 and report["median_km"] < 2
    assert score_items([match_events(gold, [make_event("struck", "195")])]).location_km()["unlocated"] == 1
