-- The year's plan: units, goals (tujuan → sasaran), indicators, targets, programmes and budgets.
-- Ids are assigned by the application's write path (no sequences, no foreign keys): the same SQL
-- must run on catalogs that have neither; referential rules live in kinerja/planning/plan.py.

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    code        VARCHAR NOT NULL UNIQUE,
    name        VARCHAR NOT NULL,
    parent_id   INTEGER,                          -- the unit above it; NULL at the top
    kind        VARCHAR NOT NULL DEFAULT 'bidang', -- opd, sekretariat, bidang, subbag, uptd, eksternal
    is_external BOOLEAN NOT NULL DEFAULT false,   -- another OPD or agency that supplies data
    demo        BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE goal (
    id        INTEGER PRIMARY KEY,
    code      VARCHAR NOT NULL UNIQUE,
    level     VARCHAR NOT NULL CHECK (level IN ('tujuan', 'sasaran')),
    name      VARCHAR NOT NULL,
    parent_id INTEGER,                            -- a sasaran's tujuan
    demo      BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE indicator (
    id           INTEGER PRIMARY KEY,
    code         VARCHAR NOT NULL UNIQUE,
    goal_id      INTEGER NOT NULL,                -- the sasaran it measures
    name         VARCHAR NOT NULL,
    measure_unit VARCHAR NOT NULL DEFAULT '',     -- satuan
    polarity     VARCHAR NOT NULL CHECK (polarity IN ('positif', 'negatif', 'rentang')),
    aggregation  VARCHAR NOT NULL CHECK (aggregation IN ('SUM', 'LAST', 'AVG', 'RATIO')),
    is_key       BOOLEAN NOT NULL DEFAULT false,  -- IKU
    weight       DOUBLE NOT NULL DEFAULT 1 CHECK (weight >= 0),
    definition   VARCHAR,
    data_source  VARCHAR,
    unit_id      INTEGER,                         -- penanggung jawab
    position     INTEGER NOT NULL DEFAULT 0,      -- order in the PK
    demo         BOOLEAN NOT NULL DEFAULT false
);

-- Targets of one indicator and year: kind 'pk' (annual, quarter 0), 'ra' (Rencana Aksi, quarters 1–4),
-- 'renstra' (the strategic plan's target for that year, quarter 0). A range target has value_high.
CREATE TABLE target (
    indicator_id INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('pk', 'ra', 'renstra')),
    quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    value        DOUBLE NOT NULL,
    value_high   DOUBLE,
    PRIMARY KEY (indicator_id, year, kind, quarter)
);

-- What else the plan says of an indicator in a year.
CREATE TABLE indicator_year (
    indicator_id      INTEGER NOT NULL,
    year              INTEGER NOT NULL,
    baseline          DOUBLE,                     -- start value for movement indicators
    ra_reason         VARCHAR,                    -- why the RA to date at TW IV differs from the PK
    national_standard DOUBLE,
    PRIMARY KEY (indicator_id, year)
);

CREATE TABLE programme (
    id      INTEGER PRIMARY KEY,
    code    VARCHAR NOT NULL UNIQUE,
    name    VARCHAR NOT NULL,
    goal_id INTEGER,                              -- the sasaran it serves
    unit_id INTEGER,
    demo    BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE programme_budget (
    programme_id INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    pagu         DOUBLE NOT NULL CHECK (pagu >= 0),
    PRIMARY KEY (programme_id, year)
);
