#!/usr/bin/env python3
"""Floors on the rule engine's balanced accuracy per label key (issue 17).

usage: eval_floors.py --wild EVAL.jsonl LABELS.json [--set NAME=EVAL.jsonl ...] [--baseline BASELINE.json]

Wild set (photos nobody tuned on): every key with at least MIN_SIDE positive and MIN_SIDE negative
labels in LABELS.json (derived from the labels, not a list kept here) must reach balanced accuracy
WILD_FLOOR, and every key the labels use must have an eval line. Other sets (the old fixtures, the
generated set): no key falls below min(WILD_FLOOR, its figure in BASELINE.json); a key with only
positives or only negatives there is held on the side it has (recall or specificity).
A label the baseline lists as disputed (with the reason) is left out of its key's counts on that
set, and the test says so. Everywhere a key must answer at least MIN_ANSWERED of its labelled photos: "not sure" and
"cannot assess" are honest answers, but a measure that is unsure of everything must not pass.
Prints every key's figures, then the failures; exit 1 when any floor fails."""
import argparse
import json
import sys

WILD_FLOOR = 0.9
MIN_SIDE = 3
MIN_ANSWERED = 2 / 3
FIELDS = ("key", "tp", "fp", "tn", "fn", "recall", "specificity", "balanced_accuracy", "labelled", "unpredicted",
          "unsure", "rules", "wrong")


def read_eval(path):
    rows = {}
    for line in open(path):
        j = json.loads(line)
        missing = [f for f in FIELDS if f not in j]
        if missing:
            sys.exit(f"{path}: eval line lacks {missing}: {line.strip()}")
        rows[j["key"]] = j
    return rows


def label_sides(labels_path):
    """key -> [positives, negatives] from a labels.json ("faces": positive = not exactly one)."""
    sides = {}
    for photo, body in json.load(open(labels_path)).items():
        if photo.startswith("_") or not isinstance(body, dict):
            continue
        for key, value in body.items():
            if value is None or key == "other":
                continue
            positive = value != 1 if key == "faces" else bool(value)
            sides.setdefault(key, [0, 0])[0 if positive else 1] += 1
    return sides


def fmt(v):
    return "  -  " if v is None else f"{v:.3f}"


def describe(r):
    rules = ", ".join(v["rule"] for v in r["rules"])
    return (f"bal.acc {fmt(r['balanced_accuracy'])} recall {fmt(r['recall'])} spec {fmt(r['specificity'])} "
            f"tp={r['tp']} fp={r['fp']} tn={r['tn']} fn={r['fn']} no-answer={r['unpredicted']} "
            f"(unsure {r['unsure']}) <- {rules}")


def answered_ok(r):
    return r["labelled"] == 0 or (r["labelled"] - r["unpredicted"]) >= MIN_ANSWERED * r["labelled"]


def check_wild(rows, sides):
    failures = []
    print(f"wild: keys with >= {MIN_SIDE} positive and >= {MIN_SIDE} negative labels need balanced accuracy"
          f" >= {WILD_FLOOR}")
    for key in sorted(sides):
        pos, neg = sides[key]
        r = rows.get(key)
        if r is None:
            print(f"FAIL wild {key}: labelled ({pos}+/{neg}-) but no eval line")
            failures.append(f"wild {key}: no eval line")
            continue
        floored = pos >= MIN_SIDE and neg >= MIN_SIDE
        problems = []
        if floored and (r["balanced_accuracy"] is None or r["balanced_accuracy"] < WILD_FLOOR):
            problems.append(f"balanced accuracy {fmt(r['balanced_accuracy'])} < {WILD_FLOOR}")
        if floored and not answered_ok(r):
            problems.append(f"answers only {r['labelled'] - r['unpredicted']} of {r['labelled']}")
        tag = "FAIL" if problems else ("ok  " if floored else "info")
        print(f"{tag} wild {key:22s} labels {pos}+/{neg}-  {describe(r)}" + ("; " + "; ".join(problems) if problems else ""))
        failures += [f"wild {key}: {p}" for p in problems]
    return failures


def drop_disputed(rows, disputes, name):
    """Takes the photos whose label is disputed (baseline "disputed") out of their key's counts."""
    for d in disputes:
        if d["set"] != name or d["key"] not in rows:
            continue
        r = rows[d["key"]]
        wrong = [w for w in r["wrong"] if w.startswith(d["photo"] + ":")]
        if wrong:  # the engine disagreed with the label: a false negative or a false positive
            r["fn" if d["label"] else "fp"] -= 1
        else:  # it agreed, or gave no answer: a true positive or negative, or nothing
            print(f"note {name} {d['key']}: disputed {d['photo']} agreed with its label or had no answer;"
                  " its count stays")
            continue
        r["labelled"] -= 1
        tp, fp, tn, fn = r["tp"], r["fp"], r["tn"], r["fn"]
        r["recall"] = tp / (tp + fn) if tp + fn else None
        r["specificity"] = tn / (tn + fp) if tn + fp else None
        r["balanced_accuracy"] = ((r["recall"] + r["specificity"]) / 2
                                  if r["recall"] is not None and r["specificity"] is not None else None)
        print(f"note {name} {d['key']}: {d['photo']} not counted (disputed label: {d['why']})")


def held_figure(base, now):
    """The figure a key is held on: balanced accuracy, else the side both the baseline and today
    have (a set with only negatives for the key, or a disputed label taken out)."""
    for field in ("balanced_accuracy", "recall", "specificity"):
        if base.get(field) is not None and (now is None or now.get(field) is not None):
            return field, base[field]
    for field in ("balanced_accuracy", "recall", "specificity"):
        if base.get(field) is not None:
            return field, base[field]
    return None, None


def check_set(name, rows, baseline):
    failures = []
    print(f"{name}: no key below min({WILD_FLOOR}, its figure before issue 17)")
    for key, base in baseline.items():
        r = rows.get(key)
        field, before = held_figure(base, r)
        if field is None:
            continue
        if r is None:
            print(f"FAIL {name} {key}: no eval line")
            failures.append(f"{name} {key}: no eval line")
            continue
        floor = min(WILD_FLOOR, before)
        now = r[field]
        problems = []
        # The baseline keeps four decimals; so does the comparison.
        if now is None or round(now, 4) < round(floor, 4):
            problems.append(f"{field} {fmt(now)} < floor {floor:.3f} (before {before:.3f})")
        if not answered_ok(r):
            problems.append(f"answers only {r['labelled'] - r['unpredicted']} of {r['labelled']}")
        tag = "FAIL" if problems else "ok  "
        print(f"{tag} {name} {key:22s} {field} before {before:.3f} floor {floor:.3f}  {describe(r)}" +
              ("; " + "; ".join(problems) if problems else ""))
        failures += [f"{name} {key}: {p}" for p in problems]
    for key in sorted(set(rows) - set(baseline)):
        print(f"info {name} {key:22s} (no figure before)  {describe(rows[key])}")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wild", nargs=2, metavar=("EVAL", "LABELS"), required=True)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=EVAL")
    ap.add_argument("--baseline")
    args = ap.parse_args()
    failures = check_wild(read_eval(args.wild[0]), label_sides(args.wild[1]))
    baseline = json.load(open(args.baseline)) if args.baseline else {}
    for spec in args.set:
        name, path = spec.split("=", 1)
        if name not in baseline:
            sys.exit(f"no baseline figures for set {name}")
        rows = read_eval(path)
        drop_disputed(rows, baseline.get("disputed", []), name)
        failures += check_set(name, rows, baseline[name])
    print(f"eval floors: {len(failures)} failed" + ("".join(f"\n  {f}" for f in failures) if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
