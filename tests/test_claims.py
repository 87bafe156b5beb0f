import pytest

from polybius.claims import ClaimAssessor
from polybius.models import Status


@pytest.fixture(scope="module")
def assessor():
    return ClaimAssessor()


def _assess(nlp, assessor, text, trigger):
    doc = nlp(text)
    sentence = next(doc.sents)
    token = next(t for t in sentence if t.text == trigger)
    return assessor.assess(token, sentence)


@pytest.mark.parametrize(
    "text, trigger, status, speaker",
    [
        ("Government troops shelled the village on Monday.", "shelled", Status.ASSERTED, None),
        ("The ministry said its jets struck five targets on Thursday.", "struck", Status.CLAIMED, "ministry"),
        ("Jets struck a hospital in the town, a local official said.", "struck", Status.CLAIMED, "official"),
        ("The army did not attack the village.", "attack", Status.NEGATED, None),
        ("The minister said Moscow was not planning to expand its campaign to Iraq.", "expand", Status.NEGATED, "minister"),
        ("The general denied that his troops had shelled the camp.", "shelled", Status.DENIED, None),
        ("The president rejected allegations that civilians had been killed in the raids.", "killed", Status.DENIED, None),
        ("Moscow could broaden its campaign to Iraq.", "broaden", Status.HYPOTHETICAL, None),
        ("The two sides are set to hold military talks.", "hold", Status.PLANNED, None),
        ("Ministers will meet in Geneva on Monday.", "meet", Status.PLANNED, None),
        ("If the rebels attack the city, the army will respond.", "attack", Status.HYPOTHETICAL, None),
        ("According to a security source, militants stormed the post.", "stormed", Status.CLAIMED, "source"),
    ],
)
def test_status_and_speaker(nlp, assessor, text, trigger, status, speaker):
    claim = _assess(nlp, assessor, text, trigger)
    assert claim.status is status
    if speaker is None:
        assert claim.speaker is None or claim.status is not Status.ASSERTED
    else:
        assert claim.speaker is not None and claim.speaker.text == speaker


def test_denial_verb_itself_is_asserted(nlp, assessor):
    claim = _assess(nlp, assessor, "The president rejected allegations that civilians had been killed.", "rejected")
    assert claim.status is Status.ASSERTED


def test_relative_clause_is_not_claimed_by_the_main_speaker(nlp, assessor):
    claim = _assess(nlp, assessor, "The envoy, who met the minister on Wednesday, said talks would go on.", "met")
    assert claim.status is Status.ASSERTED


@pytest.mark.parametrize(
    "text, trigger, status",
    [
        ("Officials met to discuss a ceasefire.", "discuss", Status.HYPOTHETICAL),
        ("Rebels began to shell the city on Monday.", "shell", Status.ASSERTED),
        ("The two sides failed to reach a deal.", "reach", Status.NEGATED),
        ("It is unrealistic to give ultimatums to the government.", "give", Status.HYPOTHETICAL),
    ],
)
def test_infinitives(nlp, assessor, text, trigger, status):
    assert _assess(nlp, assessor, text, trigger).status is status
