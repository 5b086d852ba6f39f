#!/usr/bin/env python3
"""Generate aisec's original prompt-injection / jailbreak training data.

Every fragment in the frag_*.py modules beside this file was written for aisec;
no third-party data is read. The generator combines fragments with a fixed
seed, so running it twice produces byte-identical files.

    python3 generate.py                 # (re)write the *.jsonl files here
    python3 generate.py --check-eval /work/shared/datasets/guard
                                        # also count exact overlaps with the
                                        # evaluation sets (must be 0)

Rows are deduplicated on whitespace-normalised text within and across files;
a text is kept only in the first file (BUILDERS order) that produces it.
"""

import argparse
import glob
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

import frag_attacks  # noqa: E402
import frag_jailbreak  # noqa: E402
import frag_indirect  # noqa: E402
import frag_multilingual  # noqa: E402
import frag_benign  # noqa: E402
import frag_benign_code  # noqa: E402
import frag_benign_docs  # noqa: E402
import frag_elicit  # noqa: E402

SEED = 20261106
HERE = os.path.dirname(os.path.abspath(__file__))

# (file name, label, builder, target row count). Builders take a
# random.Random and a target and return a list of (text, kind, handwritten)
# rows; they may return more than the target. After deduplication all
# hand-written rows are kept and generated rows fill up to the target.
BUILDERS = [
    ("attacks-direct.jsonl", "attack", frag_attacks.build_direct, 460),
    ("attacks-extraction.jsonl", "attack", frag_attacks.build_extraction, 230),
    ("attacks-obfuscated.jsonl", "attack", frag_attacks.build_obfuscated, 150),
    ("attacks-jailbreak.jsonl", "attack", frag_jailbreak.build, 420),
    ("attacks-indirect.jsonl", "attack", frag_indirect.build, 340),
    ("attacks-multilingual.jsonl", "attack", frag_multilingual.build_attacks, 260),
    ("attacks-elicitation.jsonl", "attack", frag_elicit.build_attacks, 390),
    ("benign-chat.jsonl", "benign", frag_benign.build_chat, 600),
    ("benign-instructions.jsonl", "benign", frag_benign.build_instructions, 500),
    ("benign-security.jsonl", "benign", frag_benign.build_security, 360),
    ("benign-trigger-words.jsonl", "benign", frag_elicit.with_twins(frag_benign.build_trigger_words), 516),
    ("benign-code.jsonl", "benign", frag_benign_code.build, 350),
    ("benign-documents.jsonl", "benign", frag_benign_docs.build, 280),
    ("benign-multilingual.jsonl", "benign", frag_multilingual.build_benign, 360),
]


def norm(text):
    """Whitespace-normalised dedup key (same rule as the evaluation sets)."""
    return " ".join(text.split())


def file_seed(name):
    """Derive a per-file seed so editing one builder leaves the others stable."""
    return SEED + sum((i + 1) * ord(c) for i, c in enumerate(name))


def build_all():
    seen = set()
    out = []
    for name, label, builder, target in BUILDERS:
        rng = random.Random(file_seed(name))
        cands = []
        for text, kind, handwritten in builder(rng, target):
            text = text.strip()
            key = norm(text)
            if not key or key in seen:
                continue
            seen.add(key)
            cands.append((text, kind, handwritten, key))
        budget = max(0, target - sum(1 for c in cands if c[2]))
        rows = []
        for text, kind, handwritten, key in cands:
            if not handwritten:
                if budget == 0:
                    seen.discard(key)  # dropped: let a later file use it
                    continue
                budget -= 1
            rows.append({
                "text": text,
                "label": label,
                "kind": kind,
                "source": "aisec:traindata/" + name,
                "license": "Apache-2.0",
            })
        out.append((name, rows))
    return out


SHINGLE = 12  # words; a shared run this long suggests copying, not chance


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def eval_overlap(files, eval_dir):
    """Return (exact overlaps, rows sharing a SHINGLE-word run) with the
    evaluation sets. Exact overlaps must be 0; shared runs are reported so a
    reviewer can look for paraphrased copies."""
    keys, runs = set(), set()
    paths = sorted(glob.glob(os.path.join(eval_dir, "*.jsonl")))
    if not paths:
        sys.exit("no *.jsonl in %s" % eval_dir)
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                keys.add(norm(text))
                runs |= shingles(text)
    exact = shared = 0
    for name, rows in files:
        for row in rows:
            if norm(row["text"]) in keys:
                exact += 1
                print("eval overlap in %s: %r" % (name, row["text"][:80]))
            common = shingles(row["text"]) & runs
            if common:
                shared += 1
                print("shared %d-word run in %s: %r" % (SHINGLE, name, sorted(common)[0]))
    return exact, shared


DESCRIPTIONS = {
    "attacks-direct.jsonl": "instruction override, refusal suppression, fake system/ChatML markup, context switches, goal hijacking of task bots, password/secret elicitation",
    "attacks-extraction.jsonl": "system-prompt extraction phrasings; prompt-leak/exfiltration via URLs, markdown images and tools",
    "attacks-obfuscated.jsonl": "encoded payloads with decode-and-follow (base64, hex, ROT13, reversed, URL), leetspeak, spacing, homoglyphs, zero-width, payload splitting, token smuggling",
    "attacks-jailbreak.jsonl": "personas, developer mode, evil confidant, grandma, opposite day, long multi-paragraph role-play templates with rules and dual responses, hypothetical/fiction framings",
    "attacks-indirect.jsonl": "instructions hidden in emails, web pages, reviews, code comments, CSV cells, tool/function results, JSON fields, transcripts, resumes",
    "attacks-multilingual.jsonl": "overrides, extraction, jailbreaks and indirect notes in de fr es it pt nl pl ru zh ja ko ar hi tr, plus mixed-language hijacks",
    "attacks-elicitation.jsonl": "secret and personal-data elicitation (spell it, pig latin, acrostic, hints; surveys, audits, fantasy framings; multilingual), authority claims, bribes and threats, fake Q&A that redefines answers, set-aside-your-task hijacks, answer-redirecting notes in code, tables and quoted documents",
    "benign-chat.jsonl": "everyday requests: cooking, travel, coding, maths, health, law, finance, sport, education, HR, customer support, writing",
    "benign-instructions.jsonl": "legitimate instructions to the model (ignore typos, forget the previous example, answer in French, act as a terminal) and ordinary system prompts",
    "benign-security.jsonl": "security-professional requests (CVEs, YARA/Sigma, pentest reports, detection), prompt-engineering/defender questions, borderline-but-safe questions",
    "benign-trigger-words.jsonl": "harmless sentences dense in attack vocabulary (ignore, override, bypass, admin, password, jailbreak, kill, prompt, system); benign twins of the elicitation attacks (own password resets, survey design, public and fictional facts, carriers without notes, role-play, proofreading)",
    "benign-code.jsonl": "code snippets, shell/SQL, stack traces and programming questions whose identifiers and comments use trigger words",
    "benign-documents.jsonl": "emails, web pages, reviews, CSV, tool results and long documents in the same carriers as the indirect attacks, without injections",
    "benign-multilingual.jsonl": "everyday questions and legitimate instructions in the same 14 languages",
}


def update_readme(files, total, size):
    """Rewrite the counts table between the markers in README.md."""
    path = os.path.join(HERE, "README.md")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    begin, end = "<!-- counts:begin -->", "<!-- counts:end -->"
    if begin not in text or end not in text:
        return
    lines = ["| file | rows | label | covers | kinds |", "|---|---:|---|---|---|"]
    for name, rows in files:
        kinds = {}
        for row in rows:
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
        lines.append("| `%s` | %d | %s | %s | %s |" % (
            name, len(rows), rows[0]["label"], DESCRIPTIONS.get(name, ""),
            ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    lines.append("")
    lines.append("Total: %d rows (attack %d, benign %d), %d bytes of JSONL." % (
        total["attack"] + total["benign"], total["attack"], total["benign"], size))
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(head + begin + "\n" + "\n".join(lines) + "\n" + end + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=HERE, help="output directory")
    ap.add_argument("--check-eval", metavar="DIR",
                    help="directory of evaluation *.jsonl to check for overlap")
    args = ap.parse_args()

    files = build_all()
    total = {"attack": 0, "benign": 0}
    size = 0
    for name, rows in files:
        path = os.path.join(args.out, name)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        size += os.path.getsize(path)
        total[rows[0]["label"]] += len(rows)
        kinds = {}
        for row in rows:
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
        print("%-28s %5d  %s" % (name, len(rows),
                                 ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    print("total: attack %d, benign %d, %d bytes" % (total["attack"], total["benign"], size))
    if args.out == HERE:
        update_readme(files, total, size)
    if args.check_eval:
        exact, shared = eval_overlap(files, args.check_eval)
        print("exact (whitespace-normalised) overlaps with evaluation sets: %d" % exact)
        print("rows sharing a %d-word run with evaluation sets: %d" % (SHINGLE, shared))
        if exact:
            sys.exit(1)


if __name__ == "__main__":
    main()
