#!/usr/bin/env python3
"""Time from saving one note to `tally serve` serving the rebuilt page.

For each site, starts `tally serve --port 0`, then several times appends a unique line to one
note and polls the note's page every 5 ms until the line appears. Prints the median, fastest
and slowest time per site. Sends requests to 127.0.0.1 only.

Usage (from the repository root, after `cargo build --release`):

  python3 bench/serve-latency.py                      # the example site
  python3 bench/serve-latency.py --notes 10000        # and a generated 10,000-note site
  python3 bench/serve-latency.py --site DIR           # and a site bench/gen_site.py made

The generated site comes from bench/gen_site.py. `bench/run.py --serve` runs this script on
the example and on its 10,000-note site. Python 3 standard library only.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        # The server may drop a connection while it swaps in a new rendering: ask again.
        return 0, ""


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
    original = open(note, encoding="utf-8").read()
    try:
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
        return first, times
    finally:
        with open(note, "w", encoding="utf-8") as f:
            f.write(original)
        process.terminate()
        process.wait()


def report(name, first, times):
    print(f"{name}: first rendering and start {first * 1000:.0f} ms; "
          f"save to served page: median {statistics.median(times):.0f} ms, "
          f"fastest {min(times):.0f} ms, slowest {max(times):.0f} ms "
          f"({len(times)} saves)")
    return {"site": name, "start_ms": first * 1000, "median_ms": statistics.median(times),
            "fastest_ms": min(times), "slowest_ms": max(times), "saves": len(times)}


def first_note(root):
    """The first note of a generated site, as (file, page path below the site's address)."""
    notes = os.path.join(root, "content", "notes")
    for folder, subfolders, files in os.walk(notes):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                relative = os.path.relpath(os.path.join(folder, name[:-3]), notes)
                return os.path.join(folder, name), f"notes/{relative}/"
    raise SystemExit(f"{notes} holds no note")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "tally"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--notes", type=int, default=0,
                        help="also measure a site of this many notes made by bench/gen_site.py")
    parser.add_argument("--site", help="also measure this site made by bench/gen_site.py; "
                                       "its first note is edited and then restored")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} not found: run `cargo build --release` first")

    results = []
    with tempfile.TemporaryDirectory() as work:
        example = os.path.join(work, "example")
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(example, "content"))
        note = os.path.join(example, "content/notes/how-indicators-are-measured.md")
        first, times = measure(args.binary, example, note,
                               "notes/how-indicators-are-measured/", args.rounds)
        results.append(report("example site", first, times))

        site = args.site
        if args.notes and not site:
            site = os.path.join(work, "generated")
            subprocess.run([sys.executable, os.path.join(BENCH, "gen_site.py"),
                            "--notes", str(args.notes), "--out", site], check=True)
        if site:
            with open(os.path.join(site, ".gen-site.json"), encoding="utf-8") as settings:
                notes = json.load(settings)["notes"]
            note, page = first_note(site)
            first, times = measure(args.binary, site, note, page, args.rounds)
            results.append(report(f"{notes:,}-note site", first, times))

    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            json.dump(results, file, indent=2)
            file.write("\n")


if __name__ == "__main__":
    main()
