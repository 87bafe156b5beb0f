from polybius.bench import Run, fixed_corpus, measure, report
from polybius.prefilter import load_prefilter


def test_fixed_corpus_is_stable_and_bundled():
    first, second = fixed_corpus(), fixed_corpus()
    assert len(first) >= 40 and [a.article_id for a in first] == [a.article_id for a in second]


def test_measure_and_report():
    corpus = fixed_corpus()[:3]
    runs = [measure("bare-parse", corpus, 1), measure("polybius", corpus, 1)]
    assert all(r.articles == 3 and r.seconds > 0 and r.peak_rss_mib > 50 for r in runs)
    assert runs[0].sentences == runs[1].sentences > 0
    assert runs[1].events > 0
    data = report(runs)
    assert data["ratio_polybius_over_bare_parse"] > 0


def test_report_speedup():
    runs = [Run("polybius", 1, 10, 80, 5, 2.0, 300), Run("polybius", 2, 10, 80, 5, 1.0, 300)]
    assert report(runs)["speedup_2_processes"] == 2.0


def test_prefilter_lemmas_and_segments():
    check = load_prefilter()
    assert "strike" in check.lemmas("struck") and "shell" in check.lemmas("shelled") and "attack" in check.lemmas("attacks")
    assert check.may_hold_event("Jets shelled the town.")
    assert not check.may_hold_event("The weather was mild and sunny.")
    text = "U.S. Senator John McCain spoke. Lt. Gen. Salah said so! Rebels fled.\nNext line"
    pieces = [text[s.start : s.end] for s in check.segments(text)]
    assert pieces == ["U.S. Senator John McCain spoke.", "Lt. Gen. Salah said so!", "Rebels fled.", "Next line"]
