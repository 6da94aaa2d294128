-- A programme's cash plan (anggaran kas: the DPA's planned drawing by quarter), with the year's
-- plan as its pagu is (programme_budget). The unit's quarterly template shows the quarter's amount
-- beside the spending the unit reports.
CREATE TABLE programme_cash_plan (
    programme_id INTEGER,
    year         INTEGER,
    quarter      INTEGER,
    amount       DOUBLE,
    PRIMARY KEY (programme_id, year, quarter)
);
