-- A read-only link keeps the dashboard's pohon kinerja branch filter too (the sasaran under a tujuan).
ALTER TABLE share_link ADD COLUMN branch_code VARCHAR;
