-- "in a quarterly data file whose heading row reads H, the column headed X holds Y", confirmed on the
-- Unggah Data page: the next data file with the same headings is read the same way (`import` too),
-- whoever sends it, and a file with other headings is not affected. The mappings made per unit before
-- (column_mapping) are still read, under these.
-- No default: every save writes every column (as a DuckLake keeps it).
CREATE TABLE data_column_mapping (
    headings     VARCHAR NOT NULL,               -- the heading row: its normalised labels, sorted, joined by '|'
    source_label VARCHAR NOT NULL,               -- the column's heading as normalised by the reader
    target_key   VARCHAR NOT NULL,               -- a data column's key ('name', 'value', 'r2', …) or 'abaikan'
    saved_by     VARCHAR,
    saved_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (headings, source_label)
);
