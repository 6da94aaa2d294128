"""Dasbor Capaian's body (views/dasbor.py): filters and share links, the screens, meeting mode."""
