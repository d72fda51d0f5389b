"""Jinja2 templates: every text a person reads, and the code snippets fixes insert."""
