"""Proses SOP's body (views/proses.py): tasks, dispositions and the units' contacts."""
