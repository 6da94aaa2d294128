-- "in a plan file whose heading row reads H, the column headed X holds Y", confirmed by a planner
-- on the Perencanaan page: the next plan file with the same headings is read the same way (the
-- command line too), and a file with other headings is not affected.
CREATE TABLE plan_column_mapping (
    headings     VARCHAR NOT NULL,               -- the heading row: its normalised labels, sorted, joined by '|'
    source_label VARCHAR NOT NULL,               -- the column's heading as normalised by the reader
    target_key   VARCHAR NOT NULL,               -- 'rencana.name', 'unit.code', 'program.pagu', … or 'abaikan'
    saved_by     VARCHAR,
    saved_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (headings, source_label)
);
