-- What a year's PK says of an indicator belongs to that year: its name as written, satuan,
-- polarity, aggregation, sasaran, responsible unit, weight, IKU flag and order. Saving next year's
-- plan adds that year's row and leaves every other year's as it was. ``indicator`` keeps only the
-- identity (code) that joins the years for trends, with the newest year's wording for places that
-- show an indicator outside any year.
CREATE TABLE indicator_plan (
    indicator_id INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    goal_id      INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    measure_unit VARCHAR NOT NULL DEFAULT '',
    polarity     VARCHAR NOT NULL CHECK (polarity IN ('positif', 'negatif', 'rentang')),
    aggregation  VARCHAR NOT NULL CHECK (aggregation IN ('SUM', 'LAST', 'AVG', 'RATIO')),
    is_key       BOOLEAN NOT NULL DEFAULT false,
    weight       DOUBLE NOT NULL DEFAULT 1 CHECK (weight >= 0),
    definition   VARCHAR,
    data_source  VARCHAR,
    unit_id      INTEGER,
    position     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (indicator_id, year)
);

-- Every year an indicator was planned in takes what the indicator said when this migration ran.
INSERT INTO indicator_plan
SELECT DISTINCT i.id, t.year, i.goal_id, i.name, i.measure_unit, i.polarity, i.aggregation, i.is_key, i.weight,
       i.definition, i.data_source, i.unit_id, i.position
FROM indicator i JOIN target t ON t.indicator_id = i.id AND t.kind = 'pk';

-- An indicator as one year's plan has it; read every year-bound figure, template and report
-- through this, with ``year`` in the join.
CREATE VIEW indicator_in_year AS
SELECT i.id, i.code, p.year, p.goal_id, p.name, p.measure_unit, p.polarity, p.aggregation, p.is_key, p.weight,
       p.definition, p.data_source, p.unit_id, p.position, i.demo
FROM indicator i JOIN indicator_plan p ON p.indicator_id = i.id;

-- An admin's leave to change one finished year's plan once (its LKjIP or a quarterly report is
-- final, and their figures come from the plan): with a reason, in the audit trail, used by the next save.
CREATE TABLE plan_unlock (
    id        INTEGER PRIMARY KEY,
    year      INTEGER NOT NULL,
    reason    VARCHAR NOT NULL,
    opened_by VARCHAR NOT NULL,
    opened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    used_at   TIMESTAMP
);
