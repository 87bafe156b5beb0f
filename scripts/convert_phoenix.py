"""Convert the Phoenix actor and agent dictionaries of PETRARCH2 into polybius's own data files.

    python scripts/convert_phoenix.py PATH [--out src/polybius/actors/data/phoenix]

PATH is a clone of openeventdata/petrarch2 (its work tree, or its .git directory: then the files
are read from HEAD). Only facts are kept: names, CAMEO codes and the dates they hold. The rules
below are general (no name is singled out); PROVENANCE.md, written beside the data, counts what
each one dropped.

1. An entry whose codes give only a country, with no date, is a place or a country name
   (provinces, cities, spellings of the country): countries.yaml and the gazetteer know those.
2. A code whose first part is neither a country polybius knows nor an international prefix (a
   region such as WST, a state that no longer exists such as USR) is dropped; so is an entry left
   with no code.
3. A one-word name that is an English word ("May", "Power", "Target") would turn ordinary words
   into actors: dropped. So is the name of a state body or office made only of English words
   ("National Assembly", "Ministry of Interior"): every state has one, the name does not say
   whose. English words are the lemma index that ships with the spaCy model (WordNet's), plus
   spaCy's stop words. A leading "the" is dropped from every name (the text's article does not
   matter, and "The UN" must not outrun our longer names such as "UN refugee agency").
4. Names of at most two letters are dropped.
5. Agents: one-word agents are dropped (a generic noun is ambiguous: a "bomber" is a plane or a
   person, a "community" anyone), so are phrases holding one of our sector words (ours decide
   those: "democracy activist" is an activist), agents whose code maps to no polybius sector
   (elites, religions, CAMEO detail) and agents whose code goes before the country (`IGO~`).
Conflicts with our hand-written YAML are settled when the data is loaded (ours wins), not here.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from polybius.actors.knowledge import DATA_DIR
from polybius.dictionaries import bundled, petrarch, tsv
from polybius.dictionaries.codes import agent_sector, read_actor_code
from polybius.dictionaries.entries import FUNCTION_WORDS, DictActor, DictAgent, actor_of, agents_of

REPOSITORY = "openeventdata/petrarch2"
DICTIONARY_DIR = "petrarch2/data/dictionaries"
ACTOR_FILES = {"Countries": "Phoenix.Countries.actors.txt", "International": "Phoenix.International.actors.txt",
               "MilNonState": "Phoenix.MilNonState.actors.txt"}
AGENT_FILE = "Phoenix.agents.txt"


def english_words() -> frozenset[str]:
    from polybius.parse import load_nlp

    index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {w.lower() for pos in index.values() for w in pos}
    return frozenset(words | {w.lower() for w in STOP_WORDS} | FUNCTION_WORDS)


def fetch_sources(source: Path, work: Path) -> tuple[str, dict[str, Path]]:
    """The dictionary files and the licence from a work tree or a git directory, and the commit."""
    git_dir = source if source.name.endswith(".git") or (source / "HEAD").is_file() else source / ".git"
    commit = subprocess.run(["git", f"--git-dir={git_dir}", "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    wanted = {name: f"{DICTIONARY_DIR}/{name}" for name in [*ACTOR_FILES.values(), AGENT_FILE]} | {"LICENSE": "LICENSE"}
    files = {}
    for name, inside in wanted.items():
        files[name] = source / inside
        if not files[name].is_file():
            files[name] = work / name
            files[name].write_bytes(subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{inside}"],
                                                   capture_output=True, check=True).stdout)
    return commit, files


STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "SPY", "LEG", "JUD"})


class Converter:
    def __init__(self, countries: frozenset[str], english: frozenset[str], sector_words: frozenset[str]):
        self.countries = countries
        self.english = english
        self.sector_words = sector_words  # our own sector words and phrases, lower case
        self.dropped: Counter[str] = Counter()

    def _is_word(self, word: str) -> bool:
        """An English word or the regular plural of one (the lemma index lists singulars)."""
        word = word.strip(".'")
        stems = [word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else "",
                 word[:-3] + "y" if word.endswith("ies") else "", word[:-3] + "man" if word.endswith("men") else ""]
        return any(stem in self.english for stem in stems if stem)

    def _is_english(self, name: str) -> bool:
        words = [w for w in name.lower().replace("-", " ").split() if w]
        return bool(words) and all(self._is_word(w) for w in words)

    def actor(self, record: petrarch.ActorRecord, short: str) -> DictActor | None:
        actor = actor_of(record, f"{short}:{record.line}")
        codes = [(span, read_actor_code(span.code, self.countries, keep=False)) for span in actor.codes]
        usable = [span for span, code in codes if code is not None]
        if len(usable) < len(codes):
            self.dropped["codes for regions or former states (rule 2)"] += len(codes) - len(usable)
        if not usable:
            self.dropped["entries left with no code (rule 2)"] += 1
            return None
        decoded = [code for _span, code in codes if code is not None]
        if all(not span.dated for span in usable) and all(c.country and not c.sector for c in decoded):
            self.dropped["place and country-name entries (rule 1)"] += 1
            return None
        state_body = all(c.country and c.sector in STATE_SECTORS for c in decoded)
        names = []
        for name in dict.fromkeys(re.sub(r"^the ", "", n, flags=re.IGNORECASE) for n in actor.names):
            letters = sum(c.isalpha() for c in name)
            if letters <= 2:
                self.dropped["names of two letters or fewer (rule 4)"] += 1
            elif (" " not in name or state_body) and self._is_english(name):
                self.dropped["English-word names (rule 3)"] += 1
            else:
                names.append(name)
        if not names:
            self.dropped["entries left with no name (rule 3)"] += 1
            return None
        return DictActor(names[0], tuple(names[1:]), tuple(usable), actor.origin)

    def _holds_ours(self, phrase: str) -> bool:
        words = phrase.split()
        spans = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        return bool(spans & self.sector_words)

    def agents(self, records: list[petrarch.AgentRecord]) -> list[DictAgent]:
        """Whole entries (singular, plural, substitutions) are kept or dropped together."""
        kept = []
        for record in records:
            phrases = agents_of([record], "agents")
            if all(len(a.phrase.split()) == 1 for a in phrases):
                self.dropped["one-word agents (rule 5)"] += 1
            elif any(self._holds_ours(a.phrase) for a in phrases):
                self.dropped["agents holding one of our sector words (rule 5)"] += 1
            elif record.prefix or agent_sector(record.code, record.prefix) is None:
                self.dropped["agents with no polybius sector or a prefix code (rule 5)"] += 1
            else:
                kept.extend(phrases)
        return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="a clone of openeventdata/petrarch2 (work tree or .git)")
    parser.add_argument("--out", type=Path, default=DATA_DIR / bundled.FOLDER)
    args = parser.parse_args()
    from polybius.actors.knowledge import load_knowledge

    knowledge = load_knowledge()
    sector_words = frozenset(e.label.lower() for e in knowledge.lexicon.entries() if e.kind == "sector")
    sector_words |= frozenset(w + "s" for w in sector_words)
    converter = Converter(knowledge.country_codes, english_words(), sector_words)
    with tempfile.TemporaryDirectory() as work:
        commit, files = fetch_sources(args.source, Path(work))
        actors: list[DictActor] = []
        malformed: list[petrarch.DictionaryError] = []
        read: Counter[str] = Counter()
        for short, name in ACTOR_FILES.items():
            records = petrarch.read_actors(files[name], malformed)
            read[name] = len(records)
            actors.extend(a for a in (converter.actor(r, short) for r in records) if a is not None)
        agent_records = petrarch.read_agents(files[AGENT_FILE], malformed)
        read[AGENT_FILE] = len(agent_records)
        agents = converter.agents(agent_records)
        licence = files["LICENSE"].read_text("utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    header = (f"Facts converted from {REPOSITORY} at commit {commit} by scripts/convert_phoenix.py.\n"
              "MIT licence: see LICENSE in this folder; provenance and conversion rules: PROVENANCE.md.")
    tsv.write_actors(args.out / bundled.ACTORS, actors, header + "\ncolumns: name, aliases (|), CAMEO codes (first in force wins), source:line")
    tsv.write_agents(args.out / bundled.AGENTS, agents, header + "\ncolumns: phrase, CAMEO agent code, source:line")
    (args.out / "LICENSE").write_text(licence, encoding="utf-8")
    (args.out / "PROVENANCE.md").write_text(_provenance(commit, read, actors, agents, converter.dropped, malformed), encoding="utf-8")
    print(f"{len(actors)} actors ({sum(len(a.names) for a in actors)} names), {len(agents)} agent phrases -> {args.out}")
    for reason, count in sorted(converter.dropped.items()):
        print(f"  dropped {count}: {reason}")
    print(f"  malformed entries skipped: {len(malformed)}")
    return 0


def _provenance(commit: str, read: Counter, actors: list[DictActor], agents: list[DictAgent], dropped: Counter,
                malformed: list[petrarch.DictionaryError]) -> str:
    lines = [
        "# Phoenix actor and agent facts (from PETRARCH2)",
        "",
        f"- Repository: `{REPOSITORY}`, commit `{commit}`",
        f"- Files: `{DICTIONARY_DIR}/` " + ", ".join(f"`{f}`" for f in [*ACTOR_FILES.values(), AGENT_FILE]),
        "- Licence: MIT (Copyright (c) 2014 Open Event Data), full notice in `LICENSE` beside this file.",
        "- Converted by `scripts/convert_phoenix.py` (polybius's own code; it keeps names, CAMEO codes and",
        "  date ranges, and writes them in polybius's TSV format, `polybius/dictionaries/tsv.py`).",
        "  The source column (`Countries:39797`) gives the file and line of each entry.",
        "",
        "| file | entries read |",
        "|---|---|",
        *[f"| `{name}` | {count} |" for name, count in read.items()],
        "",
        f"Kept: {len(actors)} actors with {sum(len(a.names) for a in actors)} names (`actors.tsv`), "
        f"{len(agents)} agent phrases (`agents.tsv`).",
        "",
        "Dropped by the conversion rules (see the script's docstring):",
        "",
        *[f"- {count}: {reason}" for reason, count in sorted(dropped.items())],
        f"- {len(malformed)}: malformed entries in the source files (bad dates, a name with no code, stray text)",
        "",
        "At load time our hand-written YAML wins: a Phoenix actor one of whose names we list is dropped,",
        "and a phrase that means something else to us keeps our meaning (`docs/dictionaries.md`).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
