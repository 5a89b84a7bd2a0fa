#!/usr/bin/env python3
"""Measure tally against the floor and Hugo on generated sites, and print the table.

For each size (notes), generates a site and its Hugo twin with bench/gen_site.py, then
measures, as medians over --runs runs, the wall time, CPU time (user + system) and peak memory
of each case, with the output folder on disk and on tmpfs:

  tally build     `tally build` into a folder that does not exist yet
  tally rebuild   `tally build` again, into the folder the previous build wrote
  floor           bench/floor: Markdown to HTML pages, nothing else
  hugo            `hugo` on the Hugo twin, into an empty folder

Output folders are removed (and the disk synced) before each run, outside the timed region.
Each case runs once untimed first, to warm the page cache and to catch failures. Runs of the
cases are interleaved, so that a burst of load on the machine spreads over all of them.

Usage (from anywhere; builds tally and the floor with cargo first):

  python3 bench/run.py                          # 1,000, 10,000 and 50,000 notes, 5 runs
  python3 bench/run.py --sizes 1000,10000 --runs 3 --json results.json
  python3 bench/run.py --quick                  # 1,000 notes, 3 runs

Python 3 standard library only; Linux only (reads /proc).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)

CASES = ["tally build", "tally rebuild", "floor", "hugo"]

# The targets the ratios are compared with.
FLOOR_TARGET = 2.0
HUGO_TARGET = 5.0
MEMORY_TARGET_MB = 300


# --- Setting up -----------------------------------------------------------------------------


def say(message):
    print(message, file=sys.stderr, flush=True)


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def cargo(arguments, what):
    if subprocess.run(["cargo", *arguments], cwd=ROOT).returncode != 0:
        hint = " (or measure a binary built earlier with --binary PATH)" if what == "tally" else ""
        raise SystemExit(f"run.py: {what} did not build; see cargo's messages above{hint}")


def build_binaries(args):
    """Builds tally (unless --binary) and the floor; returns their paths."""
    target = target_dir()
    if args.binary:
        tally = os.path.abspath(args.binary)
    else:
        say("building tally (cargo build --release)")
        cargo(["build", "--release", "--quiet"], "tally")
        tally = os.path.join(target, "release", "tally")
    say("building the floor (cargo build --release --manifest-path bench/floor/Cargo.toml)")
    # The floor shares tally's target folder, which is already ignored by version control.
    manifest = os.path.join(BENCH, "floor", "Cargo.toml")
    cargo(["build", "--release", "--quiet", "--manifest-path", manifest, "--target-dir", target],
          "the floor")
    floor = os.path.join(target, "release", "floor")
    for binary in (tally, floor):
        if not os.access(binary, os.X_OK):
            raise SystemExit(f"run.py: {binary} is not an executable")
    return tally, floor


def filesystem_type(path):
    """The type of the filesystem `path` is on, from the longest matching mount point."""
    path = os.path.realpath(path)
    best, kind = "", "unknown"
    with open("/proc/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            fields = line.split()
            point = fields[1].replace("\\040", " ")
            inside = path == point or path.startswith(point.rstrip("/") + "/")
            if inside and len(point) >= len(best):
                best, kind = point, fields[2]
    return kind


def command_output(command, cwd=None):
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True)
        return done.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine(tally, hugo, folders):
    """What the figures were measured on."""
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    commit = command_output(["git", "rev-parse", "--short", "HEAD"], ROOT) or "unknown"
    if command_output(["git", "status", "--porcelain", "--untracked-files=no"], ROOT):
        commit += " with uncommitted changes"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_average": os.getloadavg()[0],
        "tally": command_output([tally, "--version"]) or "tally",
        "binary": tally,
        "commit": commit,
        "hugo": command_output([hugo, "version"]).split(" BuildDate")[0] if hugo else None,
        "folders": {name: {"path": path, "filesystem": filesystem_type(path)}
                    for name, path in folders.items()},
    }


def generate(args, notes, disk, tmpfs):
    """Generates the site of `notes` notes on disk and copies it to tmpfs; returns the roots."""
    site = os.path.join(disk, f"site-{notes}")
    twin = os.path.join(disk, f"hugo-{notes}")
    command = [sys.executable, os.path.join(BENCH, "gen_site.py"), "--notes", str(notes),
               "--seed", str(args.seed), "--out", site, "--hugo", twin]
    if args.indicators is not None:
        command += ["--indicators", str(args.indicators)]
    subprocess.run(command, check=True)
    roots = {"disk": (site, twin)}
    if tmpfs:
        copies = tuple(os.path.join(tmpfs, os.path.basename(p)) for p in (site, twin))
        for source, copy in zip((site, twin), copies):
            shutil.copytree(source, copy, symlinks=True)
        roots["tmpfs"] = copies
    return roots


# --- Measuring ------------------------------------------------------------------------------


def remove(folder):
    if os.path.exists(folder):
        shutil.rmtree(folder)


def run_once(command):
    """Runs `command`; returns wall and CPU seconds, peak memory in MB, and the exit code."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace")
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "code": process.returncode,
        "stderr": message,
    }


class Case:
    """One command to time, with the output folder it writes and whether to empty it first."""

    def __init__(self, name, command, out, keep_output):
        self.name = name
        self.command = command
        self.out = out
        self.keep_output = keep_output
        self.failure = None
        self.files = 0

    def prepare(self):
        if not self.keep_output:
            remove(self.out)
        # Finish writing back what earlier runs wrote, so that no run pays for another's.
        os.sync()

    def warm_up(self):
        """An untimed run: fills the page cache, checks the case works, counts its files."""
        self.prepare()
        result = run_once(self.command)
        if result["code"] != 0:
            lines = result["stderr"].strip().splitlines()
            self.failure = f"exit code {result['code']}: " + " / ".join(lines[:4])
            return
        self.files = sum(len(files) for _, _, files in os.walk(self.out))


def cases_for(binaries, site, twin, work, notes):
    """The cases of one site, each writing its own output folder below `work`."""
    tally, floor, hugo = binaries
    built, rebuilt, floored, hugoed = (os.path.join(work, f"out-{notes}-{name}")
                                       for name in ("build", "rebuild", "floor", "hugo"))
    notes_folder = os.path.join(site, "content", "notes")
    cases = [
        Case("tally build", [tally, "build", "--root", site, "--out", built, "--quiet"],
             built, keep_output=False),
        Case("tally rebuild", [tally, "build", "--root", site, "--out", rebuilt, "--quiet"],
             rebuilt, keep_output=True),
        Case("floor", [floor, notes_folder, floored], floored, keep_output=False),
    ]
    if hugo:
        cases.append(Case("hugo", [hugo, "--source", twin, "--destination", hugoed, "--quiet"],
                          hugoed, keep_output=False))
    return cases


def measure_size(args, binaries, notes, roots, work):
    """Every case of one size on every folder; returns the raw runs and the failures."""
    runs, failures = [], []
    for place, (site, twin) in roots.items():
        cases = cases_for(binaries, site, twin, work[place], notes)
        for case in cases:
            say(f"  {notes} notes, {case.name} on {place}: warm-up")
            case.warm_up()
            if case.failure:
                failures.append({"notes": notes, "case": case.name, "place": place,
                                 "failure": case.failure})
                say(f"    failed: {case.failure}")
        working = [case for case in cases if not case.failure]
        for run in range(args.runs):
            for case in list(working):
                case.prepare()
                result = run_once(case.command)
                if result["code"] != 0:
                    failure = f"run {run + 1}: {result['stderr'].strip()[:300]}"
                    failures.append({"notes": notes, "case": case.name, "place": place,
                                     "failure": failure})
                    working.remove(case)
                    continue
                del result["stderr"]
                runs.append({"notes": notes, "case": case.name, "place": place, "run": run,
                             "files": case.files, **result})
            say(f"  {notes} notes on {place}: run {run + 1} of {args.runs} done")
        for case in cases:
            remove(case.out)
    return runs, failures


def medians(runs):
    groups = {}
    for run in runs:
        groups.setdefault((run["notes"], run["case"], run["place"]), []).append(run)
    summary = []
    for (notes, case, place), group in groups.items():
        summary.append({
            "notes": notes, "case": case, "place": place, "runs": len(group),
            "files": group[0]["files"],
            **{key: statistics.median(r[key] for r in group)
               for key in ("wall", "user", "system", "cpu", "peak_mb")},
        })
    return summary


# --- Reporting ------------------------------------------------------------------------------


def header(info, args):
    folders = info["folders"]
    lines = [
        "## tally benchmark",
        "",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB memory, "
        f"Linux {info['kernel']}; load average {info['load_average']:.1f} at the start, "
        f"{info['load_average_end']:.1f} at the end",
        f"- Disk folder: {folders['disk']['path']} ({folders['disk']['filesystem']})",
    ]
    if "tmpfs" in folders:
        lines.append(f"- tmpfs folder: {folders['tmpfs']['path']} "
                     f"({folders['tmpfs']['filesystem']})")
    lines += [
        f"- {info['tally']}, commit {info['commit']}"
        + (f" (binary given: {info['binary']})" if args.binary else ""),
        f"- {info['hugo'] or 'hugo: not installed, not measured'}",
        f"- Medians of {args.runs} runs per case after one untimed warm-up; CPU is user + "
        "system time; peak is the largest resident set size.",
    ]
    return "\n".join(lines)


def results_table(summary):
    lines = [
        "| Notes | Case | Output on | Wall (s) | CPU (s) | Peak (MB) | Output files |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    order = {name: i for i, name in enumerate(CASES)}
    rows = sorted(summary, key=lambda r: (r["notes"], order[r["case"]], r["place"]))
    for row in rows:
        lines.append(f"| {row['notes']:,} | {row['case']} | {row['place']} | {row['wall']:.2f} "
                     f"| {row['cpu']:.2f} | {row['peak_mb']:.0f} | {row['files']:,} |")
    return "\n".join(lines)


def number(value):
    return "–" if value is None else f"{value:.2f}"


def verdict(value, target, at_most):
    """`value` and whether it meets `target` (at most, or at least, `target`)."""
    if value is None:
        return "–"
    met = value <= target if at_most else value >= target
    return f"{value:.2f} ({'meets' if met else 'misses'})"


def ratios_table(summary):
    find = {(r["notes"], r["case"], r["place"]): r for r in summary}

    def ratio(notes, place, top, bottom, key="wall"):
        a, b = find.get((notes, top, place)), find.get((notes, bottom, place))
        return a[key] / b[key] if a and b and b[key] > 0 else None

    lines = [
        f"| Notes | Output on | tally ÷ floor, wall (≤ {FLOOR_TARGET:g}) | tally ÷ floor, CPU "
        f"| hugo ÷ tally, wall (≥ {HUGO_TARGET:g}) | rebuild ÷ build, wall (≤ 1) "
        f"| tally peak MB (< {MEMORY_TARGET_MB}) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for notes, place in sorted({(r["notes"], r["place"]) for r in summary}):
        build = find.get((notes, "tally build", place))
        if build:
            met = "meets" if build["peak_mb"] < MEMORY_TARGET_MB else "misses"
            peak = f"{build['peak_mb']:.0f} ({met})"
        else:
            peak = "–"
        cells = [
            verdict(ratio(notes, place, "tally build", "floor"), FLOOR_TARGET, at_most=True),
            number(ratio(notes, place, "tally build", "floor", key="cpu")),
            verdict(ratio(notes, place, "hugo", "tally build"), HUGO_TARGET, at_most=False),
            verdict(ratio(notes, place, "tally rebuild", "tally build"), 1.0, at_most=True),
            peak,
        ]
        lines.append(f"| {notes:,} | {place} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scaling_table(summary):
    """Wall time per 1,000 notes of each case, against the smallest size: 1.00 is linear."""
    cases = [r for r in summary if r["case"] in ("tally build", "floor", "hugo")]
    sizes = sorted({r["notes"] for r in cases})
    if len(sizes) < 2:
        return ""
    lines = ["| Case | Output on | " + " | ".join(f"{n:,} notes" for n in sizes) + " |",
             "|---|---|" + "---:|" * len(sizes)]
    for case in ("tally build", "floor", "hugo"):
        for place in ("disk", "tmpfs"):
            found = {r["notes"]: r for r in cases if r["case"] == case and r["place"] == place}
            if not found:
                continue
            base = None
            cells = []
            for notes in sizes:
                row = found.get(notes)
                if not row:
                    cells.append("–")
                    continue
                per_thousand = row["wall"] / notes * 1000
                base = base or per_thousand
                cells.append(f"{per_thousand:.3f} s (×{per_thousand / base:.2f})")
            lines.append(f"| {case} | {place} | " + " | ".join(cells) + " |")
    return ("Scaling: wall seconds per 1,000 notes, and against the smallest size (×1.00 is "
            "linear).\n\n" + "\n".join(lines))


def serve_report(tally, sites):
    """Runs bench/serve-latency.py on the example and the 10,000-note site."""
    with tempfile.NamedTemporaryFile(suffix=".json") as figures:
        command = [sys.executable, os.path.join(BENCH, "serve-latency.py"), "--binary", tally,
                   "--json", figures.name]
        if 10000 in sites:
            command += ["--site", sites[10000]]
        else:
            command += ["--notes", "10000"]
        say("measuring save-to-served time with bench/serve-latency.py")
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        with open(figures.name, encoding="utf-8") as file:
            results = json.load(file)
    lines = ["| Site | First rendering and start (ms) | Save to served, median (ms) "
             "| Fastest (ms) | Slowest (ms) | Saves |", "|---|---:|---:|---:|---:|---:|"]
    for row in results:
        lines.append(f"| {row['site']} | {row['start_ms']:.0f} | {row['median_ms']:.0f} "
                     f"| {row['fastest_ms']:.0f} | {row['slowest_ms']:.0f} | {row['saves']} |")
    return results, "\n".join(lines)


# --- Main -----------------------------------------------------------------------------------


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:16]))
    parser.add_argument("--sizes", default="1000,10000,50000",
                        help="notes per generated site, comma-separated "
                             "(default 1000,10000,50000)")
    parser.add_argument("--runs", type=int, help="timed runs per case (default 5; 3 with "
                                                 "--quick)")
    parser.add_argument("--quick", action="store_true", help="one small size: 1,000 notes")
    parser.add_argument("--indicators", type=int,
                        help="indicators in every site (default: notes/10, as gen_site.py)")
    parser.add_argument("--seed", type=int, default=1, help="seed for gen_site.py (default 1)")
    parser.add_argument("--binary", help="measure this tally binary instead of building one")
    parser.add_argument("--work", default=tempfile.gettempdir(),
                        help="folder on disk for sites and outputs (default: the system's "
                             "temporary folder)")
    parser.add_argument("--tmpfs", default="/dev/shm",
                        help="folder on tmpfs (default /dev/shm); 'none' to skip tmpfs")
    parser.add_argument("--no-hugo", action="store_true", help="do not measure Hugo")
    parser.add_argument("--serve", action="store_true",
                        help="also measure save-to-served time of `tally serve`")
    parser.add_argument("--json", help="write the raw measurements to this file")
    parser.add_argument("--keep", action="store_true",
                        help="keep the generated sites instead of removing them")
    args = parser.parse_args()
    args.sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.runs < 1 or not args.sizes or min(args.sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    return args


def main():
    args = parse_arguments()
    tally, floor = build_binaries(args)
    hugo = None if args.no_hugo else shutil.which("hugo")
    if not hugo and not args.no_hugo:
        say("hugo is not installed: its cases are skipped (apt-get install hugo)")

    work = {"disk": tempfile.mkdtemp(prefix="tally-bench-", dir=args.work)}
    if args.tmpfs != "none":
        work["tmpfs"] = tempfile.mkdtemp(prefix="tally-bench-", dir=args.tmpfs)
    info = machine(tally, hugo, work)
    for place, folder in work.items():
        kind = info["folders"][place]["filesystem"]
        if place == "tmpfs" and kind != "tmpfs":
            say(f"warning: {folder} is on {kind}, not tmpfs")

    runs, failures, sites = [], [], {}
    try:
        for notes in args.sizes:
            say(f"generating a site of {notes} notes")
            roots = generate(args, notes, work["disk"], work.get("tmpfs"))
            sites[notes] = roots["disk"][0]
            found, failed = measure_size(args, (tally, floor, hugo), notes, roots, work)
            runs += found
            failures += failed
            for place, folders in roots.items():
                needed = args.serve and place == "disk" and notes == 10000
                if not (args.keep or needed):
                    for folder in folders:
                        remove(folder)
        serve = None
        if args.serve:
            try:
                serve = serve_report(tally, sites)
            except (subprocess.CalledProcessError, OSError, ValueError) as error:
                say(f"the save-to-served measurement failed, so it is left out: {error}")
    finally:
        if args.keep:
            say("kept: " + ", ".join(work.values()))
        else:
            for folder in work.values():
                shutil.rmtree(folder, ignore_errors=True)

    info["load_average_end"] = os.getloadavg()[0]
    summary = medians(runs)
    print(header(info, args))
    print()
    print(results_table(summary))
    print()
    print(ratios_table(summary))
    scaling = scaling_table(summary)
    if scaling:
        print()
        print(scaling)
    for failure in failures:
        print(f"\n**{failure['case']} failed on the {failure['notes']:,}-note site "
              f"({failure['place']})**: {failure['failure']}")
    if serve:
        print()
        print("Save-to-served time of `tally serve` (bench/serve-latency.py):")
        print()
        print(serve[1])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            json.dump({"machine": info, "sizes": args.sizes, "runs_per_case": args.runs,
                       "runs": runs, "medians": summary, "failures": failures,
                       "serve": serve[0] if serve else None}, file, indent=2)
            file.write("\n")


if __name__ == "__main__":
    main()
