"""Pohon Kinerja's body (views/pohon.py): the tree drawn and opened, its import and editors, the sasaran joined."""
