"""Laporan's body (views/laporan.py): the Renstra panel of Evaluasi Renja, the Manual IKU's findings."""
