-- What the Evaluasi Renja form (Permendagri 86/2017) asks and Kinerja does not otherwise hold: the
-- Renstra period's end target (column 5) and the Renstra realisation up to the year before (column 6),
-- in K and Rp, for one year's form row (``row_key``: 'indikator:IK01', 'program:P01',
-- 'simpul:1.02.02.2.01:0'). Entered once on the Laporan page and kept; a year's values are that year's.
-- No default: every save writes every column (as a DuckLake keeps it).
CREATE TABLE renja_renstra (
    year        INTEGER NOT NULL,
    row_key     VARCHAR NOT NULL,
    target_k    DOUBLE,
    target_rp   DOUBLE,
    realised_k  DOUBLE,
    realised_rp DOUBLE,
    saved_by    VARCHAR NOT NULL,
    PRIMARY KEY (year, row_key)
);
