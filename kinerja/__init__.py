"""Kinerja: collecting, checking, charting and reporting SAKIP performance data."""

__version__ = "0.1.0"
