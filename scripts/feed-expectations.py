#!/usr/bin/env python3
"""Evaluate feedparser's `Expect:` lines on a Convene feed reader's JSON output.

  scripts/feed-expectations.py --cmd 'feedtool parse --json' [--category core] [-v] [--min-rate 0.95]
  scripts/feed-expectations.py --cmd 'feedtool parse --json --time' --all [--max-ms 2000]

The command is run once with every file path as arguments and must print one JSON document
per line, in order (feedparser's result shape: bozo, bozo_exception, version, encoding, feed,
entries; `*_parsed` as nine integers). Each line is loaded into dictionaries that answer like
feedparser's FeedParserDict (attribute access, `has_key`, its key aliases), and each file's
Expect expression is evaluated on it as feedparser's own tests do (wellformed/ files must also
have bozo False). --all instead runs every file of the suite and checks that none crashes or
hangs and that ill-formed ones are reported as bozo or as an error.

The list of files and their expectations comes from the corpus's expectations.py, imported
at run time from ../shared/corpora/feeds/feedparser.
"""
import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora", "feeds", "feedparser"))


class FeedDict(dict):
    """A dict that answers as feedparser's FeedParserDict does."""

    aliases = {
        "channel": ["feed"], "items": ["entries"], "guid": ["id"], "date": ["updated"],
        "date_parsed": ["updated_parsed"], "description": ["summary", "subtitle"],
        "description_detail": ["summary_detail", "subtitle_detail"], "url": ["href"],
        "modified": ["updated"], "modified_parsed": ["updated_parsed"], "issued": ["published"],
        "issued_parsed": ["published_parsed"], "copyright": ["rights"],
        "copyright_detail": ["rights_detail"], "tagline": ["subtitle"],
        "tagline_detail": ["subtitle_detail"],
    }

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        if key == "category":
            tags = dict.get(self, "tags") or []
            if tags:
                return tags[0]["term"]
        elif key == "enclosures":
            return [FeedDict((k, v) for k, v in link.items() if k != "rel")
                    for link in dict.get(self, "links", []) if link.get("rel") == "enclosure"]
        elif key == "license":
            for link in dict.get(self, "links", []):
                if link.get("rel") == "license" and "href" in link:
                    return link["href"]
        for real in self.aliases.get(key, []):
            if dict.__contains__(self, real):
                return dict.__getitem__(self, real)
        raise KeyError(key)

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    has_key = __contains__

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)


def wrap(value, key=""):
    if isinstance(value, dict):
        return FeedDict((k, wrap(v, k)) for k, v in value.items())
    if isinstance(value, list):
        if key.endswith("_parsed") and len(value) == 9 and all(isinstance(v, int) for v in value):
            return time.struct_time(value)
        return [wrap(v) for v in value]
    return value


def run(command, paths, timeout):
    started = time.time()
    proc = subprocess.run(shlex.split(command) + paths, capture_output=True, timeout=timeout)
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    return proc.returncode, lines, proc.stderr.decode("utf-8", "replace"), time.time() - started


def evaluate(args, records, root):
    paths = [os.path.join(root, r["path"]) for r in records]
    code, lines, err, seconds = run(args.cmd, paths, args.timeout)
    counts = {"PASS": 0, "FAIL": 0, "ERROR": 0}
    failures = []
    for index, record in enumerate(records):
        top = record["path"].split("/")[0]
        try:
            if index >= len(lines):
                raise RuntimeError(f"no output (tool exit {code}: {err.strip()[:200]})")
            result = wrap(json.loads(lines[index]))
            ok = bool(eval(record["expect"], {"datetime": datetime}, result))
            if top == "wellformed":
                ok = ok and result["bozo"] is False
            status = "PASS" if ok else "FAIL"
            detail = "" if ok else (result.get("bozo_exception") or "")
        except Exception as error:  # noqa: BLE001 - any failure of the expression counts
            status, detail = "ERROR", f"{type(error).__name__}: {error}"
        counts[status] += 1
        if status != "PASS":
            failures.append((status, record["path"], record["expect"], detail))
    total = len(records)
    rate = counts["PASS"] / total if total else 0.0
    print(f"{counts['PASS']} passed, {counts['FAIL'] + counts['ERROR']} failed")
    print(f"PASS {counts['PASS']}  FAIL {counts['FAIL']}  ERROR {counts['ERROR']}  of {total}: "
          f"{rate:.1%} in {seconds:.2f} s (one process)")
    if args.v:
        for status, path, expect, detail in failures:
            print(f"  {status} {path}\n      expect: {expect}\n      {detail}")
    return 0 if rate >= args.min_rate else 1


def check_all(args, root):
    paths = []
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            if name.endswith((".xml", ".rdf", ".json", ".rss", ".atom")):
                paths.append(os.path.join(folder, name))
    paths.sort()
    code, lines, err, seconds = run(args.cmd, paths, args.timeout)
    problems = []
    bozo = errors = clean = 0
    for index, path in enumerate(paths):
        rel = os.path.relpath(path, root)
        if index >= len(lines):
            problems.append(f"{rel}: no output; the tool stopped (exit {code}): {err.strip()[:300]}")
            break
        try:
            result = json.loads(lines[index])
        except ValueError as error:
            problems.append(f"{rel}: output is not JSON ({error})")
            continue
        elapsed = result.get("_elapsed_ms", 0)
        if elapsed > args.max_ms:
            problems.append(f"{rel}: took {elapsed} ms")
        if "error" in result:
            errors += 1
        elif result.get("bozo"):
            bozo += 1
            if not result.get("bozo_exception"):
                problems.append(f"{rel}: bozo without a message")
        else:
            clean += 1
            if rel.startswith("illformed/") and "chardet" not in rel and "http" not in rel:
                if args.v:
                    print(f"  note: {rel} read without a problem")
    print(f"{len(paths)} files in {seconds:.2f} s: {clean} clean, {bozo} bozo, {errors} rejected, "
          f"exit code {code}, {len(problems)} problems")
    for problem in problems:
        print("  " + problem)
    return 0 if not problems and code == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cmd", required=True, help="command that takes file paths and prints JSON lines")
    ap.add_argument("--root", default=os.path.join(CORPUS, "tests"))
    ap.add_argument("--category", default="core", help="category prefix from expectations.py")
    ap.add_argument("--min-rate", type=float, default=0.95)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--all", action="store_true", help="run every file: no crash, no hang")
    ap.add_argument("--max-ms", type=float, default=2000, help="per-file limit with --all")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    if args.all:
        return check_all(args, args.root)
    sys.path.insert(0, CORPUS)
    from expectations import records  # noqa: E402 - the corpus's own listing
    selected = [r for r in sorted(records(args.root), key=lambda r: r["path"])
                if r["expect"] and r["category"].startswith(args.category)]
    return evaluate(args, selected, args.root)


if __name__ == "__main__":
    sys.exit(main())
