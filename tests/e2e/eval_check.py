#!/usr/bin/env python3
"""Checks `reviewstation eval --json` output against floors per label key.

usage: eval_check.py EVAL.jsonl KEY:MIN_RECALL:MIN_PRECISION ...
A floor of '-' is not checked. Every line must carry the documented fields."""
import json
import sys

rows = {}
for line in open(sys.argv[1]):
    j = json.loads(line)
    for field in ("key", "tp", "fp", "tn", "fn", "precision", "recall"):
        assert field in j, f"eval line lacks {field}: {line}"
    rows[j["key"]] = j
failed = 0
for spec in sys.argv[2:]:
    key, min_recall, min_precision = spec.split(":")
    if key not in rows:
        print(f"FAIL {key}: no eval line"); failed += 1; continue
    r = rows[key]
    for name, floor in (("recall", min_recall), ("precision", min_precision)):
        if floor == "-":
            continue
        value = r[name]
        ok = value is not None and value >= float(floor)
        print(f"{'ok  ' if ok else 'FAIL'} {key} {name} {value} (floor {floor}) tp={r['tp']} fp={r['fp']} tn={r['tn']} fn={r['fn']}")
        failed += not ok
print(f"eval: {len(sys.argv) - 2 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
