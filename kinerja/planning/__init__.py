"""The year's plan: its rows and how they are saved, the PK + Rencana Aksi workbook, matching rows to
stored indicators, columns mapped by hand, and the Permendagri 86 form."""
