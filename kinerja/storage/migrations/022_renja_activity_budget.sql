-- The money of a kegiatan's or sub-kegiatan's row of an office's Evaluasi Renja form (Permendagri
-- 86/2017), kept as a programme's is: its pagu for the year with the plan (indicator_budget, as
-- programme_budget), its spending by quarter with each submission (indicator_spending, as
-- budget_realization). Keyed by the indicator the row carries (the form's kegiatan rows are read as
-- the plan's indicators). Every rupiah counted once: a kegiatan's amount is a subtotal of the
-- sub-kegiatan under it (level 'kegiatan'), kept apart from the budget (level 'sub_kegiatan'), never added.
CREATE TABLE indicator_budget (
    indicator_id INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    level        VARCHAR NOT NULL,          -- kegiatan (a subtotal) or sub_kegiatan
    pagu         DOUBLE NOT NULL,
    PRIMARY KEY (indicator_id, year)
);

CREATE TABLE indicator_spending (
    submission_id INTEGER NOT NULL,
    indicator_id  INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL,
    spending      DOUBLE,
    PRIMARY KEY (submission_id, indicator_id)
);

CREATE VIEW indicator_spending_current AS
SELECT * EXCLUDE (rank_in_quarter)
FROM (
    SELECT *, row_number() OVER (
        PARTITION BY indicator_id, year, quarter ORDER BY submission_id DESC
    ) AS rank_in_quarter
    FROM indicator_spending
)
WHERE rank_in_quarter = 1;
