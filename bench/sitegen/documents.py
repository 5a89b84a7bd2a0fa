"""The Markdown of a generated site: where each note goes and what its front matter says,
each note's body (for tally and for the Hugo twin at once), the bulletins and the pages."""

import datetime
import random

from .words import (
    FOLDERS, HEADINGS, MONTHS, NEWEST_PERIOD, REGIONS, SECTIONS, SUBHEADINGS, TAGS, Writer,
    capitalise, period_end, period_start, period_text, quote, shift, slugify, wrap,
)


class Note:
    """Where a note goes and what its front matter says."""

    def __init__(self, index, folder, slug, title, date, summary, tags):
        self.index = index
        self.folder = folder
        self.slug = slug
        self.title = title
        self.date = date
        self.summary = summary
        self.tags = tags

    @property
    def relative(self):
        """The note's path below `notes/`, without `.md`."""
        return f"{self.folder}/{self.slug}" if self.folder else self.slug

    @property
    def address(self):
        return f"/notes/{self.relative}/"

    def front_matter(self):
        return "\n".join([
            "---",
            f"title: {quote(self.title)}",
            f"date: {self.date.isoformat()}",
            "summary: >-",
            wrap(self.summary, "  "),
            f"tags: [{', '.join(self.tags)}]",
            "---",
            "",
        ])


def plan_notes(count, quarters, seed):
    """Every note's place and front matter: about 100 notes per folder, two levels deep."""
    folders_per_section = max(1, -(-count // (len(SECTIONS) * 100)))
    first_day = period_start(shift(NEWEST_PERIOD, -(quarters - 1)))
    days = (period_end(NEWEST_PERIOD) - first_day).days + 1
    notes = []
    for n in range(count):
        rng = random.Random(f"{seed}:plan:{n}")
        writer = Writer(rng)
        section = SECTIONS[n % len(SECTIONS)]
        if n % 40 == 7:
            folder = section
        else:
            sub = (n // len(SECTIONS)) % folders_per_section
            name = FOLDERS[sub % len(FOLDERS)]
            if sub >= len(FOLDERS):
                name += f"-{sub // len(FOLDERS) + 1}"
            folder = f"{section}/{name}"
        title = writer.title()
        slug = f"{'-'.join(slugify(title).split('-')[:6])}-{n + 1:05d}"
        date = first_day + datetime.timedelta(days=rng.randrange(days))
        summary = writer.sentences(1, 2).replace("*", "")
        tags = sorted(set(rng.sample(TAGS, rng.randint(1, 3))))
        notes.append(Note(n, folder, slug, title, date, summary, tags))
    return notes


class Body:
    """Builds one note's Markdown, for tally and for Hugo at once."""

    def __init__(self, rng):
        self.writer = Writer(rng)
        self.tally = []
        self.hugo = []
        self.words = 0

    def add(self, text, hugo=None):
        self.tally.append(text)
        self.hugo.append(text if hugo is None else hugo)
        self.words += len(text.split())

    def paragraph(self, links=()):
        text = self.writer.sentences(2, 4)
        for label, address in links:
            text += f" See [{label}]({address}) for more."
        self.add(wrap(text))


def note_body(note, notes, indicators, bulletins, seed):
    """The note's Markdown for tally and for the Hugo twin: 500 to 700 words, with links to
    other notes, an indicator and the latest bulletin, all of which exist."""
    rng = random.Random(f"{seed}:note:{note.index}")
    body = Body(rng)
    goal = rng.randint(440, 600)

    def link_to_note():
        other = notes[rng.randrange(len(notes))]
        return (other.title[:1].lower() + other.title[1:], other.address)

    body.paragraph()
    links = [link_to_note()]
    if indicators:
        indicator = indicators[rng.randrange(len(indicators))]
        links.append((indicator["title"][:1].lower() + indicator["title"][1:],
                      f"/indicators/{indicator['id']}/"))
    body.paragraph(links)

    # Every note has a table, a list and links; the other features vary from note to note.
    features = ["table", "bullets", "links"]
    rng.shuffle(features)
    extras = ["numbers", "quote", "subheading", "tasks", "footnote"]
    rng.shuffle(extras)
    features += extras
    if indicators and note.index % 10 == 3:
        features.insert(1, "block")
    footnote = None
    for number, heading in enumerate(rng.sample(HEADINGS, 7)):
        if number >= 3 and body.words >= goal:
            break
        body.add(f"## {heading}")
        body.paragraph()
        feature = features.pop(0) if features else "paragraph"
        if feature == "bullets":
            items = [body.writer.sentence() for _ in range(rng.randint(3, 6))]
            body.add("\n".join(wrap("- " + item).replace("\n", "\n  ") for item in items))
        elif feature == "numbers":
            items = [body.writer.sentence() for _ in range(rng.randint(3, 5))]
            body.add("\n".join(wrap(f"{i}. {item}").replace("\n", "\n   ")
                               for i, item in enumerate(items, 1)))
        elif feature == "table":
            rows = ["| Region | Committed | Sites |", "|---|---:|---:|"]
            for _, name in rng.sample(REGIONS, rng.randint(3, 6)):
                rows.append(f"| {name} | ${rng.randrange(2, 90)} million | "
                            f"{rng.randrange(1, 12)} |")
            body.add("\n".join(rows))
        elif feature == "quote":
            body.add(wrap("> " + body.writer.sentence()))
        elif feature == "subheading":
            body.add(f"### {rng.choice(SUBHEADINGS)}")
            body.paragraph()
        elif feature == "tasks":
            body.add("\n".join(f"- [{rng.choice(' x')}] {body.writer.sentence()}"
                               for _ in range(3)))
        elif feature == "footnote":
            footnote = body.writer.sentence()
            body.add(wrap(body.writer.sentence() + "[^1] ~~Provisional.~~ "
                          + body.writer.sentence()))
        elif feature == "links":
            body.paragraph([link_to_note(), link_to_note()])
        elif feature == "block":
            indicator = indicators[rng.randrange(len(indicators))]["id"]
            body.add(f'{{{{ indicator(id="{indicator}") }}}}',
                     f'{{{{< indicator id="{indicator}" >}}}}')
    while body.words < goal:
        body.paragraph()
    if bulletins:
        latest = bulletins[-1]
        body.paragraph([("the latest bulletin", f"/bulletins/{period_text(latest).lower()}/")])
    if footnote:
        body.add(wrap(f"[^1]: {footnote}"))
    return "\n\n".join(body.tally) + "\n", "\n\n".join(body.hugo) + "\n"


# --- Pages and bulletins --------------------------------------------------------------------


def bulletin_text(period, index, indicators, seed):
    """The bulletin of `period`, published a few weeks after the quarter, with data blocks."""
    rng = random.Random(f"{seed}:bulletin:{index}")
    writer = Writer(rng)
    first_month = MONTHS[3 * period[1] - 3]
    last_month = MONTHS[3 * period[1] - 1]
    published = period_end(period) + datetime.timedelta(days=rng.randrange(14, 40))
    lines = [
        "---",
        f"title: {quote(f'Performance bulletin: {first_month} to {last_month} {period[0]}')}",
        f"period: {period_text(period)}",
        f"published: {published.isoformat()}",
        "summary: >-",
        wrap(writer.sentences(1, 2).replace("*", ""), "  "),
        "---",
        "",
        wrap(writer.sentences(2, 4)),
        "",
        "## Indicators",
        "",
        wrap(writer.sentences(2, 3)),
        "",
    ]
    for indicator in rng.sample(indicators, min(3, len(indicators))):
        lines += [f'{{{{ indicator(id="{indicator["id"]}") }}}}', ""]
    lines += [
        "## Milestones", "", wrap(writer.sentences(2, 3)), "",
        '{{ milestones(status="delayed") }}', "",
        "## Funding", "", "{{ funding() }}", "", '{{ chart(kind="funding-instruments") }}', "",
        "## Risks", "", wrap(writer.sentences(1, 3)), "", "{{ risks(top=5) }}", "",
        '{{ chart(kind="risk-heatmap") }}', "",
        "See the [methodology](/methodology/) for how figures are worked out.", "",
    ]
    return "\n".join(lines)


def page_text(title, summary, seed, links):
    """A free page: three sections of prose, then a list of `links` (label, address)."""
    rng = random.Random(f"{seed}:page:{title}")
    writer = Writer(rng)
    lines = ["---", f"title: {quote(title)}", "summary: >-", wrap(summary, "  "), "---", ""]
    for heading in rng.sample(HEADINGS, 3):
        lines += [f"## {heading}", "", wrap(writer.sentences(3, 5)), ""]
    lines += ["This site shows:", ""]
    lines += [f"- [{label}]({address});" for label, address in links]
    return "\n".join(lines) + "\n"


SITE_YAML = """\
title: Synthetic Minerals Programme
organisation: Benchmark Office
base_url: https://example.org/bench/
language: en
description: >-
  A generated transparency site used to measure how fast sites are built. Every figure is
  illustrative.
theme: default
allow_raw_html: false
licence: CC0-1.0
"""

FAVICON = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">\
<rect width="16" height="16" rx="3" fill="#1d4f91"/>\
<path d="M4 11h2V7H4zm3 0h2V4H7zm3 0h2V8h-2z" fill="#fff"/></svg>
"""
