"""Verifikasi's body (views/verifikasi.py): units' states, a unit's quarter, the report's review."""
