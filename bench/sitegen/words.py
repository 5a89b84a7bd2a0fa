"""Words, periods and prose for bench/gen_site.py: the vocabulary every generated text is
drawn from, the quarters of the generated data, and a writer of sentences and titles."""

import datetime
import string

# The newest quarter of the generated data, as (year, quarter).
NEWEST_PERIOD = (2025, 3)

WIDTH = 96

# --- Vocabulary ---------------------------------------------------------------------------

SECTIONS = [
    "funding", "governance", "processing", "workforce", "research", "environment",
    "supply-chain", "regions", "procurement", "recycling",
]
FOLDERS = [
    "lithium", "nickel", "cobalt", "graphite", "rare-earths", "gallium", "germanium",
    "silicon", "copper", "manganese", "vanadium", "tungsten", "platinum", "antimony",
    "magnesium", "aluminium", "titanium", "zinc", "tin", "indium", "tellurium", "bismuth",
]
MINERALS = [
    "lithium", "nickel", "cobalt", "graphite", "rare-earth", "gallium", "germanium",
    "silicon", "copper", "manganese", "vanadium", "tungsten", "antimony", "magnesium",
]
FACILITIES = [
    "refinery", "processing plant", "pilot line", "recycling facility", "mine",
    "separation plant", "smelter", "magnet works", "cathode plant", "testing laboratory",
]
REGIONS = [
    ("west", "West Coast"), ("mountain", "Mountain West"), ("midwest", "Midwest"),
    ("south", "South"), ("northeast", "Northeast"), ("alaska", "Alaska"),
    ("plains", "Great Plains"), ("gulf", "Gulf Coast"),
]
# How a sentence names a region: "in the Midwest", but "in Alaska".
REGION_PHRASES = ["Alaska" if name == "Alaska" else f"the {name}" for _, name in REGIONS]
OFFICES = [
    "Monitoring Office", "Compliance Officer", "Technical Advisory Panel",
    "Office of Public-Private Partnership", "Regional Delivery Unit", "Finance Directorate",
    "Workforce Programme Board", "Environmental Review Unit",
]
PARTNERS = [
    "state agencies", "tribal governments", "community colleges", "university consortia",
    "small businesses", "regional lenders", "equipment suppliers", "industry associations",
    "local authorities", "research laboratories",
]
ACTIVITIES = [
    "extraction", "refining", "recycling", "separation", "processing", "recovery",
    "qualification", "permitting", "procurement", "training",
]
MEASURES = [
    "output", "throughput", "yield", "capacity", "recovery rate", "defect rate",
    "share of domestic inputs", "unit cost", "lead time", "energy use",
]
QUALITIES = [
    "steady", "uneven", "faster than planned", "slower than planned", "broadly on schedule",
    "ahead of the plan", "behind the plan", "within budget", "above the baseline",
]
# Each follows "a" in the sentences, so none starts with a vowel sound.
ADJECTIVES = [
    "quarterly", "regional", "shared", "thorough", "detailed", "public", "joint", "second",
    "formal", "new",
]
DOCUMENTS = [
    "review", "audit", "site visit", "progress report", "data return", "risk assessment",
    "financial statement", "safety case", "permit application", "work plan",
]
VERBS = [
    "commission", "qualify", "expand", "permit", "fund", "audit", "train", "procure",
    "publish", "certify",
]
OBJECTS = [
    "refinery", "pilot-line", "recycling-loop", "supplier-list", "workforce-plan",
    "safety-case", "data-portal", "separation-plant", "magnet-line", "testing-lab",
]
RISK_TOPICS = [
    ("price", "Volatile prices for {mineral} inputs", "market"),
    ("supply", "Foreign dominance of {mineral} supply", "geopolitical"),
    ("cadence", "Funding released more slowly than {facility} projects need", "financial"),
    ("tailings", "Tailings containment failure at a {mineral} mine", "environment"),
    ("safety", "Process safety incident at a {facility}", "safety"),
    ("water", "Wastewater at a {facility} falling short of permit conditions", "compliance"),
    ("skills", "Too few trained technicians for {mineral} {activity}", "delivery"),
    ("suppliers", "Suppliers not ready for {mineral} procurement orders", "delivery"),
]
UNITS = [
    # unit, decimals, low, high, direction
    ("%", 1, 5, 95, "increase"),
    ("count", 0, 2, 400, "increase"),
    ("people", 0, 100, 40000, "increase"),
    ("tonnes", 0, 500, 90000, "increase"),
    ("USD/kWh", 3, 0.03, 0.09, "decrease"),
    ("days", 0, 20, 240, "decrease"),
    ("%", 1, 2, 40, "decrease"),
]
INSTRUMENTS = [
    ("grants", "Grants"), ("loans", "Low-interest loans"),
    ("procurement", "Procurement incentives"), ("guarantees", "Loan guarantees"),
]
STATUS_NEXT = {
    "planned": ["planned", "in_progress", "in_progress"],
    "in_progress": ["in_progress", "in_progress", "at_risk", "delayed", "done"],
    "at_risk": ["in_progress", "at_risk", "delayed", "done"],
    "delayed": ["delayed", "in_progress", "at_risk", "cancelled"],
}
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]

SENTENCES = [
    "The {facility} in {region} reported {measure} that was {quality} this quarter.",
    "The {office} confirmed the figures after a {adjective} {document} in {month}.",
    "Work with {partner} continued, and {number} new agreements were signed.",
    "{Mineral} {activity} remains the part of the plan with the most uncertainty.",
    "The {document} found that {measure} at the {facility} rose by {percent}%.",
    "Costs came in {quality}, mainly because equipment for the {facility} arrived in {month}.",
    "Each award is paid in stages, and a stage is paid only once its milestone is reached.",
    "Figures for {region} are reported by {partner} and checked by the {office}.",
    "The programme now counts {number} supported sites for {mineral} {activity}.",
    "A {adjective} {document} is due before the end of the next quarter.",
    "Readers should treat the {measure} figures as provisional until the {document} is done.",
    "{Partner} asked for clearer guidance on {mineral} {activity}, which is now published.",
    "The target for {measure} was set against the baseline of the last quarter of 2022.",
    "Progress on {mineral} {activity} depends on permits that are still under review.",
    "Of the {number} applications received, about {percent}% met every eligibility test.",
    "The {office} will publish the next {document} with the following bulletin.",
    "The {facility} completed its first qualified run in {month}, as planned.",
    "Training places for {activity} technicians were filled within {number} days.",
    "Demand from buyers gives new {mineral} capacity a market once it is built.",
    "{Region} accounts for about {percent}% of the committed funding so far.",
    "Two {facility} projects were merged to reduce duplicated {activity} work.",
    "A {adjective} {document} of the {facility} found no open critical findings.",
    "The share of inputs bought from domestic suppliers is tracked for every site.",
    "Delays at the {facility} were caused by late delivery of furnace equipment.",
    "The {office} meets {partner} every month to review {measure} and costs.",
]
HEADINGS = [
    "What changed this quarter", "How the figures are collected", "Why it matters",
    "Costs and funding", "Risks and mitigation", "What comes next", "Who is involved",
    "Results so far", "Method", "Background", "Open questions", "Lessons learned",
    "Regional picture", "Timeline", "Data quality",
]
SUBHEADINGS = [
    "Eligibility", "Reporting", "Oversight", "Assumptions", "Scope", "Exceptions",
]
TITLES = [
    "{Mineral} {activity} in {region}",
    "How {measure} is measured at a {facility}",
    "{Adjective} {document} of {mineral} {activity}",
    "Working with {partner} on {mineral} {activity}",
    "{Mineral} {facility} progress: {quality}",
    "Funding {mineral} {activity} through grants and loans",
    "The {facility} programme in {region} explained",
    "Lessons from the {adjective} {document} of a {facility}",
]
TAGS = [
    "funding", "grants", "loans", "indicators", "milestones", "risks", "workforce",
    "processing", "recycling", "governance", "data", "methodology", "regions",
]


# --- Periods and dates ----------------------------------------------------------------------


def shift(period, quarters):
    """The period `quarters` after (or before, if negative) `period`."""
    index = period[0] * 4 + period[1] - 1 + quarters
    return (index // 4, index % 4 + 1)


def period_text(period):
    return f"{period[0]}-Q{period[1]}"


def period_start(period):
    return datetime.date(period[0], 3 * period[1] - 2, 1)


def period_end(period):
    return period_start(shift(period, 1)) - datetime.timedelta(days=1)


# --- Text -----------------------------------------------------------------------------------


def quote(text):
    """`text` as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(text):
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)


def capitalise(text):
    return text[:1].upper() + text[1:]


def starts_block(word):
    """Whether a line starting with `word` could start a Markdown block inside a paragraph."""
    if word[:1] in "-+*#>|=~`[" or word[:1].isdigit():
        return True
    return False


def wrap(text, indent=""):
    """Greedy wrapping at WIDTH columns that never starts a line with a block marker."""
    lines = []
    line = indent
    for word in text.split(" "):
        if line.strip() and len(line) + 1 + len(word) > WIDTH and not starts_block(word):
            lines.append(line)
            line = indent + word
        else:
            line = f"{line} {word}" if line.strip() else indent + word
    lines.append(line)
    return "\n".join(lines)


# The word lists each `{name}` of a template is drawn from; `{Name}` is the same, capitalised.
WORDS = {
    "mineral": MINERALS, "facility": FACILITIES, "region": REGION_PHRASES, "office": OFFICES,
    "partner": PARTNERS, "activity": ACTIVITIES, "measure": MEASURES, "quality": QUALITIES,
    "adjective": ADJECTIVES, "document": DOCUMENTS, "month": MONTHS,
}
EMPHASISED = ("facility", "measure", "document", "quality")


FIELDS = {}


def fields(template):
    """The names of the `{fields}` of `template`, lower-cased, each once (remembered)."""
    found = FIELDS.get(template)
    if found is None:
        names = [name.lower() for _, name, _, _ in string.Formatter().parse(template) if name]
        found = FIELDS[template] = list(dict.fromkeys(names))
    return found


class Writer:
    """Sentences, titles and paragraphs drawn from the vocabulary with one random source."""

    def __init__(self, rng):
        self.rng = rng

    def draw(self, name):
        if name == "number":
            return str(self.rng.randrange(2, 90))
        if name == "percent":
            return str(self.rng.randrange(3, 95))
        return self.rng.choice(WORDS[name])

    def fill(self, template, emphasis=0.0):
        names = fields(template)
        values = {name: self.draw(name) for name in names}
        if emphasis and self.rng.random() < emphasis:
            marked = [name for name in names if name in EMPHASISED]
            if marked:
                name = self.rng.choice(marked)
                mark = self.rng.choice(["**", "*"])
                values[name] = f"{mark}{values[name]}{mark}"
        for name in names:
            values[capitalise(name)] = capitalise(values[name])
        return template.format(**values)

    def sentence(self):
        return self.fill(self.rng.choice(SENTENCES), emphasis=0.12)

    def sentences(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self):
        return self.fill(self.rng.choice(TITLES))
