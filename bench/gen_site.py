#!/usr/bin/env python3
"""Generate a large synthetic tally site, and optionally the same notes as a Hugo site.

The site is a complete, valid tally site: notes in nested folders, two pages, quarterly
bulletins, and the four data files (indicators with quarterly values, milestones, funding
awards, risks). `tally check --strict` passes on it with no errors and no warnings. The same
seed and flags always give byte-identical files.

With --hugo, the same notes (same titles, dates, summaries and bodies) are also written as a
Hugo site with minimal templates, so that both generators render equivalent pages. The only
difference in the text: tally's indicator block `{{ indicator(id="...") }}` becomes the Hugo
shortcode `{{< indicator id="..." >}}`.

Usage:

  python3 bench/gen_site.py --notes 10000 --out /tmp/site --hugo /tmp/site-hugo

The parts live in bench/sitegen/. Python 3 standard library only.
"""

import argparse
import json
import os
import shutil
import sys
import time

from sitegen import hugo as hugo_twin
from sitegen.data import funding_yaml, indicators_yaml, make_indicators, milestones_yaml, risks_yaml
from sitegen.documents import FAVICON, SITE_YAML, bulletin_text, note_body, page_text, plan_notes
from sitegen.words import NEWEST_PERIOD, period_text, shift

# Written at the top of every generated folder; a folder holding it may be replaced.
MARKER = ".gen-site.json"


# --- Writing --------------------------------------------------------------------------------


class Output:
    """A folder being written, and how many files went into it."""

    def __init__(self, root):
        self.root = root
        self.files = 0

    def write(self, relative, text):
        path = os.path.join(self.root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        self.files += 1


def prepare(folder, settings):
    """Empties `folder` for a new site, refusing one that holds anything else."""
    if os.path.exists(folder):
        if not os.path.isdir(folder):
            raise SystemExit(f"gen_site: {folder} exists and is not a folder")
        if os.listdir(folder) and not os.path.isfile(os.path.join(folder, MARKER)):
            raise SystemExit(f"gen_site: {folder} is not empty and is not a generated site; "
                             "refusing to overwrite it")
        shutil.rmtree(folder)
    output = Output(folder)
    output.write(MARKER, json.dumps(settings, indent=2, sort_keys=True) + "\n")
    return output


def write_sites(args):
    """Writes the tally site and, if asked, its Hugo twin; returns both outputs."""
    settings = {
        "generator": "bench/gen_site.py", "seed": args.seed, "notes": args.notes,
        "indicators": args.indicators, "quarters": args.quarters,
        "milestones": args.milestones, "awards": args.awards, "risks": args.risks,
        "bulletins": args.bulletins,
    }
    site = prepare(args.out, settings)
    hugo = prepare(args.hugo, settings) if args.hugo else None

    indicators = make_indicators(args.indicators, args.quarters, args.seed)
    bulletins = [shift(NEWEST_PERIOD, -i) for i in reversed(range(args.bulletins))]
    notes = plan_notes(args.notes, args.quarters, args.seed)

    write_frame(site, args, indicators, bulletins)
    if hugo:
        hugo_twin.write_frame(hugo, [note.folder for note in notes])
    for note in notes:
        tally_body, hugo_body = note_body(note, notes, indicators, bulletins, args.seed)
        front = note.front_matter()
        site.write(f"content/notes/{note.relative}.md", front + "\n" + tally_body)
        if hugo:
            hugo.write(f"content/notes/{note.relative}.md", front + "\n" + hugo_body)
    return site, hugo


def write_frame(site, args, indicators, bulletins):
    """Writes everything of the tally site but the notes: settings, data, bulletins, pages."""
    quarters, seed = args.quarters, args.seed
    site.write("content/site.yaml", SITE_YAML)
    site.write("content/static/favicon.svg", FAVICON)
    data = [
        ("indicators", args.indicators, lambda: indicators_yaml(indicators)),
        ("milestones", args.milestones, lambda: milestones_yaml(args.milestones, quarters, seed)),
        ("funding", args.awards, lambda: funding_yaml(args.awards, quarters, seed)),
        ("risks", args.risks, lambda: risks_yaml(args.risks, quarters, seed)),
    ]
    for name, count, text in data:
        if count:
            site.write(f"content/data/{name}.yaml", text())
    for index, period in enumerate(bulletins):
        site.write(f"content/bulletins/{period_text(period).lower()}.md",
                   bulletin_text(period, index, indicators, seed))
    # A section of the dashboard exists only when its data file does.
    labels = {"risks": "the risk register"}
    sections = [(labels.get(name, name), f"/{name}/") for name, count, _ in data if count]
    sections.append(("notes", "/notes/"))
    site.write("content/pages/about.md", page_text(
        "About this site", "What this generated site is and what it shows.", seed, sections))
    site.write("content/pages/methodology.md", page_text(
        "Methodology", "How the figures on this site are worked out.", seed,
        [("about this site", "/about/")]))


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Defaults scale with --notes: indicators notes/10, milestones notes/50, awards "
               "notes/20, risks notes/200 (at least one of each); bulletins: the newest "
               "min(4, quarters) quarters.")
    parser.add_argument("--notes", type=int, default=10000, help="notes (default 10000)")
    parser.add_argument("--indicators", type=int, help="indicators (default notes/10)")
    parser.add_argument("--quarters", type=int, default=12,
                        help="quarters of data, ending with 2025-Q3 (default 12)")
    parser.add_argument("--milestones", type=int, help="milestones (default notes/50)")
    parser.add_argument("--awards", type=int, help="funding awards (default notes/20)")
    parser.add_argument("--risks", type=int, help="risks (default notes/200)")
    parser.add_argument("--bulletins", type=int,
                        help="bulletins, one per quarter, newest first (default 4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="the tally site's folder")
    parser.add_argument("--hugo", help="also write the same notes as a Hugo site here")
    args = parser.parse_args(argv)

    def default(value, share):
        return value if value is not None else max(1, args.notes // share)

    args.indicators = default(args.indicators, 10)
    args.milestones = default(args.milestones, 50)
    args.awards = default(args.awards, 20)
    args.risks = default(args.risks, 200)
    if args.bulletins is None:
        args.bulletins = min(4, args.quarters)
    if args.notes < 1 or args.quarters < 1:
        parser.error("--notes and --quarters must be at least 1")
    if min(args.indicators, args.milestones, args.awards, args.risks, args.bulletins) < 0:
        parser.error("counts cannot be negative")
    if args.bulletins > args.quarters:
        parser.error("--bulletins cannot exceed --quarters: one bulletin per quarter")
    if args.hugo:
        out, hugo = os.path.abspath(args.out), os.path.abspath(args.hugo)
        if os.path.commonpath([out, hugo]) in (out, hugo):
            parser.error("--out and --hugo must be separate folders, neither inside the other")
    return args


def main(argv=None):
    args = parse_arguments(argv)
    started = time.monotonic()
    site, hugo = write_sites(args)
    twin = f" and {hugo.files} files of the Hugo twin into {args.hugo}" if hugo else ""
    print(f"gen_site: {args.notes} notes, {args.indicators} indicators x "
          f"{args.quarters} quarters, {args.milestones} milestones, {args.awards} awards, "
          f"{args.risks} risks, {args.bulletins} bulletins: {site.files} files into "
          f"{args.out}{twin} in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
