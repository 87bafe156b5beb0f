"""Build a synthetic + real JSONL batch for ingest tests and benchmarks.

Articles are assembled from our example articles, our gold sentences and (read in place, when
present) the real pages of ../shared/eval/news_pages_dev; a share of items is deliberately bad
(empty, binary-looking, broken HTML, non-English, invalid date, oversized). Deterministic for a seed.

Usage: python benchmarks/make_batch.py OUT.jsonl [--articles 2000] [--bad 0.05] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval" / "news_pages_dev"
NON_ENGLISH = ("La police a tiré des gaz lacrymogènes sur les manifestants dans le centre de la capitale, "
               "selon des témoins, après une journée de tensions et de rassemblements dans plusieurs villes du pays.")


def sources(repo: Path = REPO) -> tuple[list[str], list[tuple[str, str | None]]]:
    sentences = [json.loads(line)["text"] for name in ("dev", "test")
                 for line in (repo / "eval" / "gold" / f"{name}.jsonl").read_text("utf-8").splitlines() if line.strip()]
    whole = [(p.read_text("utf-8"), None) for p in sorted((repo / "examples").glob("*.txt"))]
    if (SHARED / "gold.json").exists():
        gold = json.loads((SHARED / "gold.json").read_text("utf-8"))["articles"]
        whole += [((SHARED / "texts" / f"{a['id']}.txt").read_text("utf-8"), a.get("pub_date")) for a in gold]
    return sentences, whole


def bad_item(rng: random.Random, number: int) -> dict:
    kind = number % 6
    base = {"id": f"bad-{number}", "url": f"https://example.org/bad/{number}", "publisher": "Bad Inputs Wire"}
    if kind == 0:
        return base | {"text": ""}
    if kind == 1:
        return base | {"text": "".join(chr(rng.randrange(1, 9)) for _ in range(400))}
    if kind == 2:
        return base | {"html": "<html><body><div><p>" + "<span>" * 30}
    if kind == 3:
        return base | {"text": NON_ENGLISH * 3}
    if kind == 4:
        return base | {"text": "Police arrested ten protesters in the capital.", "date": "2019-02-30"}
    return base | {"text": "Rebels attacked a convoy. " * 250_000}  # about 6.5 MB: over the default limit


def make_batch(count: int, bad_share: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    sentences, whole = sources()
    items: list[dict] = []
    bad_every = max(1, round(1 / bad_share)) if bad_share > 0 else 0
    for number in range(count):
        if bad_every and number % bad_every == bad_every - 1:
            items.append(bad_item(rng, number))
            continue
        if number % 10 == 0:
            text, pub = whole[number // 10 % len(whole)]
        else:
            text = "\n".join(rng.sample(sentences, rng.randint(3, 8)))
            pub = (dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000))).isoformat()
        publisher = rng.choice(["Example Wire", "Daily Example", "Example News", "World Example"])
        items.append({"id": f"a-{number}", "text": text, "date": pub, "url": f"https://example.org/{publisher.split()[0].lower()}/{number}",
                      "publisher": publisher})
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bad", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as handle:
        for item in make_batch(args.articles, args.bad, args.seed):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
