"""Perencanaan's body (views/perencanaan.py): an uploaded plan previewed and saved, the year's lock."""
