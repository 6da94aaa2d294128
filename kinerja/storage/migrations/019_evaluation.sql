-- Evaluasi AKIP (LKE): the worksheet versions an office loads, the answers of each stage, the
-- evidence given on the page, and the follow-up of findings (TL-LHE).
CREATE TABLE lke_worksheet (
    id        INTEGER PRIMARY KEY,
    year      INTEGER NOT NULL,                  -- in force for this year and later, until a later version
    name      VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    content   VARCHAR NOT NULL,                  -- the JSON as loaded
    sha256    VARCHAR NOT NULL,
    loaded_by VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE lke_answer (
    year           INTEGER NOT NULL,
    criterion      VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL,             -- mandiri, verifikasi, penjaminan, final
    answer         VARCHAR,                      -- a letter of the criterion's scale (Y, T, A … E)
    reason         VARCHAR,                      -- why a computed self-assessment was overridden
    note           VARCHAR,                      -- catatan
    recommendation VARCHAR,                      -- rekomendasi
    answered_by    VARCHAR NOT NULL,
    answered_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (year, criterion, stage)
);

CREATE TABLE lke_evidence (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    criterion   VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    file_sha256 VARCHAR,                         -- stored_file, kept as every original is
    url         VARCHAR,
    added_by    VARCHAR NOT NULL,
    added_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE lke_follow_up (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,            -- the LKE year it feeds (recommendations of the evaluation before)
    source          VARCHAR NOT NULL,            -- LHE AKIP, Inspektorat, BPK
    recommendation  VARCHAR NOT NULL,
    owner           VARCHAR NOT NULL,
    due_on          DATE,
    status          VARCHAR NOT NULL,            -- Belum, Proses, Tuntas
    evidence_sha256 VARCHAR,
    evidence_url    VARCHAR,
    note            VARCHAR,
    updated_by      VARCHAR NOT NULL,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);
