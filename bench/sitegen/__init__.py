"""The parts of bench/gen_site.py: words, data files, documents and the Hugo twin."""
