-- The Manual IKU (KKE B.1.2) beside what indicator_plan already holds of a year's indicator (its
-- definition and data source): the formula, the wording of its numerator and denominator (a RATIO's),
-- how often its figure is collected and why its target is what it is. A year's text is that year's.
-- Written by a plan save whose table has the field's column, or the Perencanaan editor; kept otherwise.
CREATE TABLE indicator_manual (
    indicator_id  INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    formula       VARCHAR,
    numerator     VARCHAR,
    denominator   VARCHAR,
    frequency     VARCHAR,
    target_reason VARCHAR,
    PRIMARY KEY (indicator_id, year)
);
