"""The four data files of a generated site: indicators with quarterly values, milestones
with status updates, funding with awards, and the risk register. Every text is quoted, every
list is in time order, and every amount stays within its budget, so tally accepts them."""

import datetime
import random

from .words import (
    ACTIVITIES, DOCUMENTS, FACILITIES, INSTRUMENTS, MEASURES, MINERALS, NEWEST_PERIOD, OBJECTS,
    OFFICES, QUALITIES, REGIONS, RISK_TOPICS, SECTIONS, STATUS_NEXT, UNITS, VERBS, Writer,
    capitalise, period_end, period_text, quote, shift, slugify, wrap,
)


def format_number(value, decimals):
    """`value` as YAML writes a number: no exponent, `decimals` digits after the point."""
    if decimals == 0:
        return str(int(round(value)))
    return f"{value:.{decimals}f}"


def make_indicators(count, quarters, seed):
    """`count` indicators, each with a value per quarter drifting from baseline towards target,
    a few notes and a few corrections (`revised`) dated after their quarter."""
    first = shift(NEWEST_PERIOD, -(quarters - 1))
    indicators = []
    for n in range(count):
        rng = random.Random(f"{seed}:indicator:{n}")
        writer = Writer(rng)
        unit, decimals, low, high, direction = rng.choice(UNITS)
        mineral = rng.choice(MINERALS)
        measure = rng.choice(MEASURES)
        span = high - low
        if direction == "increase":
            baseline = low + span * rng.uniform(0.0, 0.4)
            target = baseline + span * rng.uniform(0.2, 0.6)
        else:
            baseline = high - span * rng.uniform(0.0, 0.4)
            target = baseline - span * rng.uniform(0.2, 0.5)
        values = []
        for q in range(quarters):
            progress = (q + 1) / quarters * rng.uniform(0.5, 1.2)
            figure = baseline + (target - baseline) * progress + span * rng.uniform(-0.03, 0.03)
            figure = min(max(figure, low * 0.5), 100 if unit == "%" else high * 1.2)
            period = shift(first, q)
            value = {"period": period, "value": format_number(figure, decimals)}
            if rng.random() < 0.08:
                value["note"] = writer.sentence().replace("*", "")
            if rng.random() < 0.03:
                earlier = figure * rng.uniform(0.9, 1.1) + span * 0.01
                on = period_end(period) + datetime.timedelta(days=rng.randrange(20, 300))
                value["revised"] = {
                    "from": format_number(earlier, decimals), "on": on.isoformat(),
                    "reason": rng.choice([
                        "Late returns from two sites.", "A counting error was corrected.",
                        "Contractor posts had been counted twice.",
                        "The audit adjusted the reported figure.",
                    ]),
                }
            values.append(value)
        indicators.append({
            "id": f"{slugify(mineral)}-{slugify(measure)}-{n + 1:04d}",
            "title": f"{capitalise(measure)} of {mineral} {rng.choice(ACTIVITIES)} "
                     f"({rng.choice(REGIONS)[1]})",
            "unit": unit, "direction": direction, "sector": rng.choice(SECTIONS),
            "description": writer.sentences(1, 2).replace("*", ""),
            "source": "Generated for benchmarking; every figure is illustrative.",
            "baseline": (shift(first, -1), format_number(baseline, decimals)),
            "target": (shift(NEWEST_PERIOD, rng.randint(1, 8)), format_number(target, decimals)),
            "values": values,
        })
    return indicators


def indicators_yaml(indicators):
    """`indicators.yaml` for the indicators of `make_indicators`."""
    out = ["# Indicators of a generated benchmark site; every figure is illustrative.", "",
           "indicators:"]
    for indicator in indicators:
        out += [
            f"  - id: {indicator['id']}",
            f"    title: {quote(indicator['title'])}",
            f"    unit: {quote(indicator['unit'])}",
            f"    direction: {indicator['direction']}",
            f"    sector: {indicator['sector']}",
            "    description: >-",
            wrap(indicator["description"], "      "),
            f"    source: {quote(indicator['source'])}",
            "    illustrative: true",
        ]
        for key in ("baseline", "target"):
            period, value = indicator[key]
            out.append(f"    {key}: {{ period: {period_text(period)}, value: {value} }}")
        out.append("    values:")
        for value in indicator["values"]:
            period = period_text(value["period"])
            if "revised" in value:
                revised = value["revised"]
                out += [f"      - period: {period}", f"        value: {value['value']}"]
                if "note" in value:
                    out.append(f"        note: {quote(value['note'])}")
                out += [
                    "        revised:",
                    f"          from: {revised['from']}",
                    f"          on: {revised['on']}",
                    f"          reason: {quote(revised['reason'])}",
                ]
            elif "note" in value:
                out.append(f"      - {{ period: {period}, value: {value['value']}, "
                           f"note: {quote(value['note'])} }}")
            else:
                out.append(f"      - {{ period: {period}, value: {value['value']} }}")
        out.append("")
    return "\n".join(out)


def milestones_yaml(count, quarters, seed):
    """`milestones.yaml`: each milestone's updates follow plausible status changes in time
    order, and stop once it is done or cancelled."""
    first = shift(NEWEST_PERIOD, -(quarters - 1))
    out = ["# Milestones of a generated benchmark site; every status is illustrative.", "",
           "milestones:"]
    for n in range(count):
        rng = random.Random(f"{seed}:milestone:{n}")
        writer = Writer(rng)
        verb, thing = rng.choice(VERBS), rng.choice(OBJECTS)
        due = shift(first, rng.randrange(2, quarters + 6))
        title = (f"{capitalise(verb)} the {thing.replace('-', ' ')} for "
                 f"{rng.choice(MINERALS)} {rng.choice(ACTIVITIES)}")
        out += [f"  - id: {verb}-{thing}-{n + 1:04d}", f"    title: {quote(title)}"]
        if rng.random() < 0.8:
            out.append(f"    phase: {rng.randint(1, 4)}")
        if rng.random() < 0.2:
            due_text = period_end(due).isoformat()
        else:
            due_text = period_text(due)
        out += [f"    due: {due_text}", f"    lead: {quote(rng.choice(OFFICES))}", "    actions:"]
        for _ in range(rng.randint(2, 4)):
            action = (f"{capitalise(rng.choice(VERBS))} the {rng.choice(FACILITIES)} "
                      f"{rng.choice(DOCUMENTS)}")
            out.append(f"      - {quote(action)}")
        depends = [quote(capitalise(rng.choice(DOCUMENTS)) + " approved")
                   for _ in range(rng.randint(1, 2))]
        out += [f"    depends_on: [{', '.join(depends)}]", "    illustrative: true"]
        start = rng.randrange(0, quarters)
        if start < quarters - 1 or rng.random() < 0.9:
            out.append("    updates:")
            status = "planned"
            q = start
            while q < quarters:
                status = rng.choice(STATUS_NEXT[status])
                out += [f"      - period: {period_text(shift(first, q))}",
                        f"        status: {status}"]
                if rng.random() < 0.5:
                    out.append(f"        note: {quote(writer.sentence().replace('*', ''))}")
                if status in ("done", "cancelled"):
                    break
                q += rng.randint(1, 2)
        out.append("")
    return "\n".join(out)


def funding_yaml(count, quarters, seed):
    """`funding.yaml`: the budgets are set from the awards, so that commitments stay within
    them and the budgets within the total."""
    first = shift(NEWEST_PERIOD, -(quarters - 1))
    awards = []
    committed = {key: 0 for key, _ in INSTRUMENTS}
    for n in range(count):
        rng = random.Random(f"{seed}:award:{n}")
        instrument = rng.choice(INSTRUMENTS)[0]
        amount = rng.randrange(5, 600) * 100_000
        age = rng.randrange(0, quarters)
        paid = amount * min(1.0, (quarters - age) / quarters * rng.uniform(0.3, 1.2))
        committed[instrument] += amount
        awards.append({
            "period": shift(first, age), "instrument": instrument,
            "region": rng.choice(REGIONS)[0],
            "recipient": f"Illustrative: {rng.choice(REGIONS)[1]} {rng.choice(MINERALS)} "
                         f"{rng.choice(FACILITIES)} {rng.choice(ACTIVITIES)}",
            "committed": amount, "disbursed": int(paid) // 100_000 * 100_000,
        })
    budgets = {key: (int(value * 1.25) // 1_000_000 + 1) * 1_000_000
               for key, value in committed.items()}
    total = (sum(budgets.values()) * 21 // 20 // 10_000_000 + 1) * 10_000_000
    out = ["# Funding of a generated benchmark site; every award is illustrative.", "",
           "currency: USD", f"total: {total}", "", "instruments:"]
    for key, name in INSTRUMENTS:
        out.append(f"  - {{ id: {key}, name: {quote(name)}, budget: {budgets[key]} }}")
    out += ["", "regions:"]
    for key, name in REGIONS:
        out.append(f"  - {{ id: {key}, name: {quote(name)} }}")
    out += ["", "awards:"]
    for award in awards:
        out += [
            f"  - period: {period_text(award['period'])}",
            f"    instrument: {award['instrument']}",
            f"    region: {award['region']}",
            f"    recipient: {quote(award['recipient'])}",
            f"    committed: {award['committed']}",
            f"    disbursed: {award['disbursed']}",
            "    illustrative: true",
            "",
        ]
    return "\n".join(out)


def risks_yaml(count, quarters, seed):
    """`risks.yaml`: an assessment per quarter, likelihood and impact drifting within 1 to 5."""
    first = shift(NEWEST_PERIOD, -(quarters - 1))
    out = ["# Risk register of a generated benchmark site; every score is illustrative.", "",
           "risks:"]
    for n in range(count):
        rng = random.Random(f"{seed}:risk:{n}")
        writer = Writer(rng)
        key, title, category = rng.choice(RISK_TOPICS)
        out += [
            f"  - id: {key}-{n + 1:04d}",
            f"    title: {quote(writer.fill(title))}",
            f"    category: {category}",
            f"    owner: {quote(rng.choice(OFFICES))}",
            "    mitigation: >-",
            wrap(writer.sentences(1, 2).replace("*", ""), "      "),
            "    illustrative: true",
            "    assessments:",
        ]
        likelihood, impact = rng.randint(1, 5), rng.randint(2, 5)
        for q in range(quarters):
            likelihood = min(5, max(1, likelihood + rng.choice([-1, 0, 0, 0, 1])))
            impact = min(5, max(1, impact + rng.choice([-1, 0, 0, 0, 0, 1])))
            line = (f"      - {{ period: {period_text(shift(first, q))}, "
                    f"likelihood: {likelihood}, impact: {impact}")
            if rng.random() < 0.1:
                line += f", note: {quote(rng.choice(QUALITIES).capitalize() + '.')}"
            out.append(line + " }")
        out.append("")
    return "\n".join(out)
