-- The LKE's evaluators as roles (Bappeda, Bagian Organisasi, Inspektorat): the account table is
-- made again with the wider list of roles (a CHECK cannot be altered in place), its rows unchanged.
CREATE TABLE account_new (
    id            INTEGER PRIMARY KEY,
    name          VARCHAR NOT NULL UNIQUE,
    display_name  VARCHAR NOT NULL DEFAULT '',
    role          VARCHAR NOT NULL CHECK (role IN ('admin', 'operator', 'peninjau', 'pimpinan', 'bappeda',
                                                   'organisasi', 'inspektorat')),
    unit_code     VARCHAR,
    email         VARCHAR,
    password_hash VARCHAR,
    active        BOOLEAN NOT NULL DEFAULT true,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    demo          BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO account_new SELECT id, name, display_name, role, unit_code, email, password_hash, active, failed_count,
    locked_until, created_at, demo FROM account;
DROP TABLE account;
ALTER TABLE account_new RENAME TO account;

-- Every answer given to the LKE, kept: who, when, the answer before and after (a computed
-- self-assessment's before is the computed answer), and the reason, note and recommendation.
CREATE TABLE lke_answer_change (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL,
    criterion      VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL,
    answer_before  VARCHAR,
    answer_after   VARCHAR,
    computed       BOOLEAN NOT NULL DEFAULT false, -- the answer before was Kinerja's computed one
    reason         VARCHAR,
    note           VARCHAR,
    recommendation VARCHAR,
    changed_by     VARCHAR NOT NULL,
    changed_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- An evidence file's own name as uploaded (stored_file keeps the first name its content came with)
ALTER TABLE lke_evidence ADD COLUMN file_name VARCHAR;

-- Meeting mode shown: who, when, which period and view (the link), evidence of the leaders' use
CREATE TABLE meeting_shown (
    id        INTEGER PRIMARY KEY,
    year      INTEGER NOT NULL,
    quarter   INTEGER NOT NULL,
    link      VARCHAR NOT NULL,                  -- the dashboard's address in meeting mode, with its filters
    shown_by  VARCHAR NOT NULL,
    shown_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    demo      BOOLEAN NOT NULL DEFAULT false
);
