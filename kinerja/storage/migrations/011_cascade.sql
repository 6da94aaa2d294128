-- The pohon kinerja (cascading, PermenPAN-RB 89/2021) of a year: the region's tujuan and sasaran, the
-- office's, then program → kegiatan → sub-kegiatan (→ the individual's work result), each node with
-- its official, its budget and its indicators. A year's tree is that year's alone (plans are history).
CREATE TABLE cascade_node (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    level        VARCHAR NOT NULL,          -- kinerja.cascade.tree.Level
    parent_id    INTEGER,                   -- a node of the same year; NULL at the top
    code         VARCHAR NOT NULL,          -- the Kemendagri code where one exists (1.02.02.2.01.0003)
    name         VARCHAR NOT NULL,
    unit_id      INTEGER REFERENCES unit(id),
    official     VARCHAR,                   -- the position (and name) answerable for it
    official_nip VARCHAR,
    goal_id      INTEGER REFERENCES goal(id),  -- a sasaran of the office is the plan's sasaran
    pagu         DOUBLE,
    spending     DOUBLE,
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (year, code)
);

-- Indicators hang on nodes. The office's sasaran carry the plan's PK indicators (indicator_id):
-- their figures come from the recap; the other levels' outcome and output indicators are the tree's own.
CREATE TABLE cascade_indicator (
    id           INTEGER PRIMARY KEY,
    node_id      INTEGER NOT NULL,              -- cascade_node (no key: a tree is replaced whole in one transaction)
    kind         VARCHAR NOT NULL,          -- iku, outcome, output
    indicator_id INTEGER REFERENCES indicator(id),
    name         VARCHAR NOT NULL,
    measure_unit VARCHAR,
    target       DOUBLE,
    target_high  DOUBLE,
    target_text  VARCHAR,                   -- a target that is not a number ("WTP", "A") or as written
    position     INTEGER NOT NULL DEFAULT 0
);

-- Work that crosses offices (crosscutting): a node's link to another office's node, agreed or not.
CREATE TABLE cascade_link (
    id           INTEGER PRIMARY KEY,
    node_id      INTEGER NOT NULL,              -- cascade_node (no key: a tree is replaced whole in one transaction)
    other_office VARCHAR NOT NULL,
    other_code   VARCHAR,
    other_name   VARCHAR,
    status       VARCHAR NOT NULL DEFAULT 'diusulkan',  -- diusulkan, diterima, ditolak
    reason       VARCHAR
);
