"""Pengaturan's body (views/pengaturan.py): a year's settings, backups."""
