"""Validate eval/gold/*.jsonl (stdlib only). Usage: python eval/gold/validate.py"""
import json, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ["dev", "test"]
STATUSES = {"asserted", "claimed", "denied", "negated", "hypothetical", "planned"}
SECTORS = {"GOV", "MIL", "REB", "OPP", "LEG", "COP", "CVL", "JUD", "IGO", "INS",
           "MED", "BUS", "NGO", "REF", "SPY", "PTY"}
ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{1,2}$")
DATE = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}
errors = []

err = lambda where, msg: errors.append(f"{where}: {msg}")

def check_country(where, c):
    if c is not None and not ISO3.match(str(c)):
        err(where, f"bad ISO3 {c!r}")

def check_actor(where, a):
    if not isinstance(a, dict):
        return None if a is None else err(where, "actor must be object or null")
    check_country(where, a.get("country"))
    if "sector" in a and a["sector"] not in SECTORS:
        err(where, f"bad sector {a['sector']!r}")
    if a.get("sector") == "IGO" and (a.get("country") is not None or not a.get("igo")):
        err(where, "IGO actor needs country null and an igo code")

ids, roots, sents, nevents = set(), {}, {}, {}
for split in SPLITS:
    roots[split], sents[split], nevents[split] = Counter(), Counter(), Counter()
    for n, line in enumerate((HERE / f"{split}.jsonl").read_text().splitlines(), 1):
        w = f"{split}:{n}"
        try: rec = json.loads(line)
        except ValueError as e: err(w, f"bad JSON ({e})"); continue
        if not str(rec.get("id", "")).startswith(split + "-") or rec["id"] in ids:
            err(w, f"missing/duplicate/misnamed id {rec.get('id')!r}")
        ids.add(rec.get("id"))
        pd = rec.get("pub_date")
        if pd is not None and not re.match(DATE["day"], pd):
            err(w, f"bad pub_date {pd!r}")
        evs = rec.get("events")
        if not isinstance(evs, list) or not rec.get("text"):
            err(w, "needs text and events list"); continue
        nevents[split][len(evs) > 0] += 1
        for k, ev in enumerate(evs):
            we = f"{w} ev{k}"
            code = str(ev.get("cameo_code", ""))
            if not CODE.match(code) or ev.get("cameo_root") != code[:2]:
                err(we, f"code/root mismatch {code!r}/{ev.get('cameo_root')!r}")
            if ev.get("status") not in STATUSES:
                err(we, f"bad status {ev.get('status')!r}")
            for role in ("source", "target"):
                if role in ev:
                    check_actor(f"{we} {role}", ev[role])
            check_country(f"{we} attribution", ev.get("attribution_country"))
            if "location" in ev:
                check_country(f"{we} location", ev["location"].get("country"))
            if "date" in ev and not re.match(DATE.get(ev.get("date_precision"), "x"), ev["date"]):
                err(we, f"date {ev['date']!r} does not fit precision {ev.get('date_precision')!r}")
            trig = ev.get("trigger")
            if not trig or trig.lower() not in rec["text"].lower():
                err(we, f"trigger {trig!r} not in text")
            roots[split][ev.get("cameo_root")] += 1
        sents[split].update({ev.get("cameo_root") for ev in evs})

for split in SPLITS:
    print(f"== {split}: {sum(nevents[split].values())} sentences, {nevents[split][False]}"
          f" with no event, {sum(roots[split].values())} events")
    for label, c in (("events", roots[split]), ("sentences", sents[split])):
        print(f"   {label:9} per root: " + " ".join(f"{r:02d}:{c[f'{r:02d}']}" for r in range(1, 21)))
for e in errors:
    print("ERROR", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
