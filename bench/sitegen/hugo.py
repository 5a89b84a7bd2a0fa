"""The Hugo twin's frame: its configuration, minimal templates (baseof, single, list, index,
404 and the indicator shortcode) and a list page for every folder of notes."""

from .words import capitalise, quote

HUGO_CONFIG = """\
baseURL = "https://example.org/"
languageCode = "en"
title = "Synthetic Minerals Programme"
disableKinds = ["taxonomy", "term"]

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  page = ["HTML"]

# The Markdown features tally has: no typographic quotes, no bare-URL links, no raw HTML.
[markup.goldmark.extensions]
  typographer = false
  linkify = false
  definitionList = false
[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header class="site-header">
  <p class="site-title"><a href="{{ "" | relURL }}">{{ site.Title }}</a></p>
  <nav aria-label="Main navigation"><ul>
    <li><a href="{{ "notes/" | relURL }}">Notes</a></li>
    {{- with site.GetPage "/notes" }}{{ range .Sections }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}{{ end }}
  </ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>Synthetic Minerals Programme</p></footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">\
{{ .Date.Format "2 January 2006" }}</time>\
{{ with .Params.tags }} · {{ delimit . ", " }}{{ end }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .Sections }}<ul class="folders">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
{{ $pages := .RegularPages }}
{{ if eq .RelPermalink "/notes/" }}{{ $pages = .RegularPagesRecursive }}{{ end }}
<ul class="notes">
{{ range $pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> \
<time>{{ .Date.Format "2 January 2006" }}</time>\
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
<h2>Latest notes</h2>
<ul class="notes">
{{ range first 10 (where site.RegularPages "Section" "notes").ByDate.Reverse }}\
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>\
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}
<h1>Page not found</h1>
<p>The page you asked for does not exist. Try the <a href="{{ "notes/" | relURL }}">notes</a>.</p>
{{ end }}
""",
    "shortcodes/indicator.html": """\
<figure class="indicator"><a href="/indicators/{{ .Get "id" }}/">\
Indicator {{ .Get "id" }}</a></figure>
""",
}

HUGO_STYLE = "body { font-family: sans-serif; max-width: 48rem; margin: 0 auto; }\n"


def write_frame(output, folders):
    """Writes the twin's configuration, templates and a list page per folder of `folders`."""
    output.write("hugo.toml", HUGO_CONFIG)
    output.write("static/style.css", HUGO_STYLE)
    for relative, text in HUGO_LAYOUTS.items():
        output.write(f"layouts/{relative}", text)
    output.write("content/_index.md", "---\ntitle: \"Synthetic Minerals Programme\"\n---\n")
    output.write("content/notes/_index.md", "---\ntitle: \"Notes\"\n---\n")
    sections = {folder.split("/")[0] for folder in folders}
    for folder in sorted(sections | set(folders)):
        name = capitalise(folder.split("/")[-1].replace("-", " "))
        output.write(f"content/notes/{folder}/_index.md", f"---\ntitle: {quote(name)}\n---\n")
