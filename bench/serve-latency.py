#!/usr/bin/env python3
"""Time from saving one note to `tally serve` serving the rebuilt page.

For each site, starts `tally serve --port 0`, then several times appends a unique line to one
note and polls the note's page every 5 ms until the line appears. Prints the median, fastest
and slowest time per site. Sends requests to 127.0.0.1 only.

Usage (from the repository root, after `cargo build --release`):

  python3 bench/serve-latency.py                      # the example site
  python3 bench/serve-latency.py --pages 10000        # and a generated 10,000-page site

The generated site comes from /work/shared/bench/gen_corpus.py (or --corpus-script).
Python 3 standard library only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def start(binary, root):
    process = subprocess.Popen(
        [binary, "serve", "--port", "0", "--quiet", "--root", root],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if "http://" in line:
            url = "http://" + line.split("http://")[1].split()[0]
            return process, url
    raise SystemExit("tally serve did not start")


def measure(binary, root, note, page, rounds):
    started = time.monotonic()
    process, url = start(binary, root)
    first = time.monotonic() - started
    try:
        original = open(note, encoding="utf-8").read()
        times = []
        for i in range(rounds):
            marker = f"bench-marker-{i}-{time.time_ns()}"
            saved = time.monotonic()
            with open(note, "w", encoding="utf-8") as f:
                f.write(original + f"\n\n{marker}\n")
            deadline = saved + 120
            while True:
                status, body = fetch(url + page)
                if status == 200 and marker in body:
                    break
                if time.monotonic() > deadline:
                    raise SystemExit(f"page never showed {marker}")
                time.sleep(0.005)
            times.append((time.monotonic() - saved) * 1000)
            time.sleep(0.3)
        with open(note, "w", encoding="utf-8") as f:
            f.write(original)
        return first, times
    finally:
        process.terminate()
        process.wait()


def report(name, first, times):
    print(f"{name}: first rendering and start {first * 1000:.0f} ms; "
          f"save to served page: median {statistics.median(times):.0f} ms, "
          f"fastest {min(times):.0f} ms, slowest {max(times):.0f} ms "
          f"({len(times)} saves)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "tally"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pages", type=int, default=0,
                        help="also measure a generated site with this many pages")
    parser.add_argument("--corpus-script", default="/work/shared/bench/gen_corpus.py")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: run `cargo build --release` first")

    with tempfile.TemporaryDirectory() as work:
        example = os.path.join(work, "example")
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(example, "content"))
        note = os.path.join(example, "content/notes/how-indicators-are-measured.md")
        first, times = measure(args.binary, example, note,
                               "notes/how-indicators-are-measured/", args.rounds)
        report("example site", first, times)

        if args.pages:
            corpus = os.path.join(work, "corpus")
            subprocess.run([sys.executable, args.corpus_script, "--pages", str(args.pages),
                            "--format", "tally", "--out", corpus], check=True,
                           stdout=subprocess.DEVNULL)
            notes = os.path.join(corpus, "content", "notes")
            section = sorted(os.listdir(notes))[0]
            slug = sorted(os.listdir(os.path.join(notes, section)))[0][:-3]
            note = os.path.join(notes, section, slug + ".md")
            first, times = measure(args.binary, corpus, note,
                                   f"notes/{section}/{slug}/", args.rounds)
            report(f"{args.pages}-page site", first, times)


if __name__ == "__main__":
    main()
