"""How fast `polybius serve` answers on a large store: the bundled examples' events, copied N times.

    .venv/bin/python benchmarks/serve_latency.py [--copies 2000] [--repeat 3]

Each copy gets new event ids, a new cluster for most events (one in five shares a cluster with
another copy, so clusters have several mentions) and a random 2019 date, so the store has about
53 × N mentions. Prints the median time of each API call, measured in-process with TestClient.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from polybius.batch import ingest
from polybius.ingest.sources import expand
from polybius.serve import create_app
from polybius.store import Store

REPO = Path(__file__).resolve().parents[1]


def build(db: Path, copies: int) -> dict[str, int]:
    with Store(db) as store:
        ingest(expand(str(REPO / "examples")), store, processes=1)
    conn = sqlite3.connect(db)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(events)")]
    where = {name: columns.index(name) for name in ("event_id", "cluster_id", "date")}
    originals = conn.execute("SELECT * FROM events").fetchall()
    chance = random.Random(7)
    with conn:
        for copy in range(1, copies + 1):
            batch = []
            for original in originals:
                row = list(original)
                row[where["event_id"]] = f"{copy:06d}{original[where['event_id']][6:]}"
                shared = copy // 2 if chance.random() < 0.2 else copy
                row[where["cluster_id"]] = f"{shared:06d}{original[where['cluster_id']][6:]}"
                if row[where["date"]]:
                    row[where["date"]] = f"2019-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"
                batch.append(row)
            conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * len(columns))})", batch)
    counts = {"mentions": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
              "events": conn.execute("SELECT COUNT(DISTINCT cluster_id) FROM events").fetchone()[0]}
    conn.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "large.sqlite"
        counts = build(db, args.copies)
        client = TestClient(create_app(db))
        some_event = client.get("/api/events", params={"sort": "-mentions", "limit": 1}).json()["events"][0]["event_id"]
        calls = ["/api/health", "/api/events", "/api/events?sort=-mentions", "/api/events?country=LBY&cameo=19",
                 "/api/events?offset=40000", "/api/events?mentions=true&limit=500", "/api/stats", "/api/stats?stack=plover",
                 "/api/map", f"/api/events/{some_event}", "/api/actors?q=ken"]
        print(f"store: {counts['mentions']} mentions, {counts['events']} events\n")
        print("| call | median s |\n|---|---|")
        for call in calls:
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                assert client.get(call).status_code == 200, call
                times.append(time.perf_counter() - started)
            print(f"| `{call}` | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    main()
