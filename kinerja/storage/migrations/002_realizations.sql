-- Quarterly data. Every save is a submission (a version of one unit's quarter); realisations are
-- appended under it and never overwritten, so every earlier version stays readable. The current
-- figure of an indicator's quarter is the one from its latest submission.

CREATE TABLE submission (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version     INTEGER NOT NULL,                 -- 1, 2, … per unit and quarter
    status      VARCHAR NOT NULL DEFAULT 'submitted',
    source      VARCHAR NOT NULL,                 -- template, spreadsheet, editor, demo
    file_name   VARCHAR,
    file_sha256 VARCHAR,
    created_by  VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    note        VARCHAR,
    demo        BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE realization (
    submission_id INTEGER NOT NULL,
    indicator_id  INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    value         DOUBLE,                         -- the quarter's figure (RATIO: num / den × 100)
    numerator     DOUBLE,
    denominator   DOUBLE,
    drivers       VARCHAR,                        -- pendorong
    obstacles     VARCHAR,                        -- penghambat / kendala
    follow_up     VARCHAR,                        -- tindak lanjut / upaya
    evidence_url  VARCHAR,                        -- bukti dukung
    PRIMARY KEY (submission_id, indicator_id)
);

CREATE VIEW realization_current AS
SELECT * EXCLUDE (rank_in_quarter)
FROM (
    SELECT *, row_number() OVER (
        PARTITION BY indicator_id, year, quarter ORDER BY submission_id DESC
    ) AS rank_in_quarter
    FROM realization
)
WHERE rank_in_quarter = 1;

-- Budget: the quarter's cash plan (anggaran kas) and spending of a programme.
CREATE TABLE budget_realization (
    submission_id INTEGER NOT NULL,
    programme_id  INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    cash_plan     DOUBLE,
    spending      DOUBLE,
    PRIMARY KEY (submission_id, programme_id)
);

CREATE VIEW budget_current AS
SELECT * EXCLUDE (rank_in_quarter)
FROM (
    SELECT *, row_number() OVER (
        PARTITION BY programme_id, year, quarter ORDER BY submission_id DESC
    ) AS rank_in_quarter
    FROM budget_realization
)
WHERE rank_in_quarter = 1;
