"""Metamorphic tests of Kinerja's readers (issue 24, item 10): for each shape of file Kinerja reads,
one content drawn in the many layouts offices use, and the figures it stores asserted identical; or,
where a layout leaves a figure undecidable, the problem asserted to name its cell."""
