#!/usr/bin/env python3
"""Checks the gold files in this folder against their texts (standard library only).

usage: python3 eval/written/verify.py [DIR]

For every NAME.gold.json: the text NAME.txt exists, each event's anchor equals
text[span[0]:span[1]] and lies inside its sentence span, sentence spans start and end
on sentence boundaries, event types are PLOVER's 16, codes are three capital letters,
status is one of the allowed values, and no_event sentences carry no gold event.
"""
import json, pathlib, sys

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUS = {"occurred", "historical", "future", "hypothetical", "negated"}


def check(gold_path):
    errs = []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    txt = gold_path.parent / gold["doc"]
    if not gold_path.name.startswith(gold["doc"][:-4]):
        errs.append(f"doc field {gold['doc']!r} does not match file name")
    text = txt.read_text(encoding="utf-8")

    def sentence_ok(s):
        a, b = s
        before = text[a - 1] if a > 0 else "\n"
        after = text[b] if b < len(text) else "\n"
        return 0 <= a < b <= len(text) and before in " \n" and after in " \n" and text[a:b] == text[a:b].strip()

    for i, e in enumerate(gold["events"]):
        a, b = e["span"]
        if text[a:b] != e["anchor"]:
            errs.append(f"event {i}: span text {text[a:b]!r} != anchor {e['anchor']!r}")
        s0, s1 = e["sentence"]
        if not (s0 <= a and b <= s1):
            errs.append(f"event {i}: anchor outside its sentence")
        for key in ("sentence", "alt_sentence"):
            if key in e and not sentence_ok(e[key]):
                errs.append(f"event {i}: {key} {e[key]} is not on sentence boundaries")
        if not e["event"] or not set(e["event"]) <= TYPES:
            errs.append(f"event {i}: bad types {e['event']}")
        if not e["actor"]:
            errs.append(f"event {i}: no actor")
        for c in e["actor"] + e["recipient"]:
            if not (len(c) == 3 and c.isalpha() and c.isupper()):
                errs.append(f"event {i}: bad code {c!r}")
        if e.get("status") not in STATUS:
            errs.append(f"event {i}: bad status {e.get('status')!r}")
        if not isinstance(e["required"], bool):
            errs.append(f"event {i}: required must be true/false")
    event_sents = {tuple(e["sentence"]) for e in gold["events"]} | \
                  {tuple(e["alt_sentence"]) for e in gold["events"] if "alt_sentence" in e}
    for n in gold.get("no_event", []):
        s = tuple(n["sentence"])
        if n["anchor"] not in text[s[0]:s[1]]:
            errs.append(f"no_event {n['anchor']!r}: not inside its sentence")
        if not sentence_ok(list(s)):
            errs.append(f"no_event {n['anchor']!r}: not on sentence boundaries")
        if s in event_sents:
            errs.append(f"no_event {n['anchor']!r}: sentence also has a gold event")
    for r in gold.get("relations", []):
        a, b = r["span"]
        if text[a:b] != r["anchor"]:
            errs.append(f"relation {r['type']}: span text != anchor")
    for ent in gold["entities"]:
        if ent["kind"] not in {"country", "person", "organization", "location"}:
            errs.append(f"entity {ent['id']}: bad kind")
    return gold, errs


def main():
    folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
    bad = 0
    for p in sorted(folder.glob("*.gold.json")):
        gold, errs = check(p)
        req = sum(e["required"] for e in gold["events"])
        print(f"{'OK ' if not errs else 'ERR'} {gold['doc']:48} events={len(gold['events']):2} "
              f"required={req:2} no_event={len(gold.get('no_event', []))}")
        for e in errs:
            print("    " + e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
