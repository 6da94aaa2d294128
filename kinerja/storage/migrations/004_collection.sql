-- Quarterly collection: the original files people upload (kept once per content, by SHA-256),
-- column mappings remembered per unit, and each quarter's deadline.

CREATE TABLE stored_file (
    sha256    VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,                  -- the name it first arrived with
    size      BIGINT NOT NULL,
    content   BLOB NOT NULL,
    stored_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- "this unit's column headed X holds Y", confirmed by a user on the upload page
CREATE TABLE column_mapping (
    unit_id      INTEGER NOT NULL,
    source_label VARCHAR NOT NULL,               -- the header as normalised by the reader
    target_key   VARCHAR NOT NULL,               -- realization column key, or 'ignore'
    PRIMARY KEY (unit_id, source_label)
);

-- "this unit's row named X is indicator Y", confirmed by a user
CREATE TABLE indicator_alias (
    unit_id      INTEGER NOT NULL,
    source_name  VARCHAR NOT NULL,               -- normalised
    indicator_id INTEGER NOT NULL,
    PRIMARY KEY (unit_id, source_name)
);

CREATE TABLE quarter_deadline (
    year     INTEGER NOT NULL,
    quarter  INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    opens_on DATE,
    due_on   DATE NOT NULL,
    PRIMARY KEY (year, quarter)
);
