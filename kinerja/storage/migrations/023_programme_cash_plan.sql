-- A programme's cash plan (anggaran kas, the DPA's planned drawing by quarter) belongs to the year's
-- plan, as its pagu does (programme_budget): read with the plan's programme table, never with a
-- unit's quarterly figures. Until now it could only arrive with a submission (budget_realization
-- .cash_plan, which no upload ever filled): what is stored there moves here, the quarter's latest.
CREATE TABLE programme_cash_plan (
    programme_id INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    amount       DOUBLE NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (programme_id, year, quarter)
);

INSERT INTO programme_cash_plan
SELECT programme_id, year, quarter, cash_plan FROM budget_current WHERE cash_plan IS NOT NULL;
