-- The national nomenclature (Kepmendagri 050-5889/2021 and its updates, the list SIPD uses): every
-- region's urusan/bidang, program, kegiatan and sub-kegiatan, with each sub-kegiatan's output,
-- indicator, satuan and definisi operasional. Reference data, not a plan: kept by version, the
-- newest version is the reference, the older ones stay as they were loaded.
-- No default: every load writes every column (as a DuckLake keeps it).
CREATE TABLE nomenclature_version (
    id          INTEGER PRIMARY KEY,
    label       VARCHAR NOT NULL,               -- the admin's label, else the file's name and date
    file_name   VARCHAR NOT NULL,
    file_date   DATE,                           -- the workbook's own date (its properties), if it has one
    file_sha256 VARCHAR NOT NULL,               -- the same file loaded again is said, not stored twice
    loaded_at   TIMESTAMP NOT NULL,
    loaded_by   VARCHAR NOT NULL
);

-- One row per sub-kegiatan row of the file, as the file gives it ("code name" cells split).
CREATE TABLE nomenclature_entry (
    version_id    INTEGER NOT NULL REFERENCES nomenclature_version(id),
    row_number    INTEGER NOT NULL,             -- the file's row, as Excel shows it
    region_kind   VARCHAR,                      -- JENIS PEMDA: PROV or KABKOT (NULL: the file does not say)
    bidang_code   VARCHAR NOT NULL,
    bidang_name   VARCHAR NOT NULL,
    program_code  VARCHAR NOT NULL,
    program_name  VARCHAR NOT NULL,
    kegiatan_code VARCHAR NOT NULL,
    kegiatan_name VARCHAR NOT NULL,
    code          VARCHAR NOT NULL,             -- the sub-kegiatan's code (1.02.02.2.02.0001)
    name          VARCHAR NOT NULL,
    output        VARCHAR,                      -- KINERJA: what the sub-kegiatan delivers
    indicator     VARCHAR,
    measure_unit  VARCHAR,
    tags          VARCHAR[],                    -- TAG: the budget tags (a JSON list in the file)
    definition    VARCHAR,                      -- DEFINISI OPERASIONAL, line breaks kept
    executor      VARCHAR,                      -- PELAKSANA
    spm           BOOLEAN,                      -- serves a minimum service standard (SPM / NON-SPM)
    kind          VARCHAR,                      -- JENIS (Layanan, Aktifitas)
    previous_code VARCHAR,                      -- SUBKEGIATAN SEBELUMNYA: the code this one replaces
    previous_name VARCHAR,
    PRIMARY KEY (version_id, row_number)
);
