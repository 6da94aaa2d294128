-- Who may do what, the SOP's review loop, period locks, share links, disposition, and the audit
-- trail. Ids are assigned by the write path, as everywhere.

CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    name          VARCHAR NOT NULL UNIQUE,         -- the sign-in name, lower case
    display_name  VARCHAR NOT NULL DEFAULT '',
    role          VARCHAR NOT NULL CHECK (role IN ('admin', 'operator', 'peninjau', 'pimpinan')),
    unit_code     VARCHAR,                         -- operator and reviewer: the unit they answer for
    email         VARCHAR,                         -- matched against st.login's e-mail (OpenID Connect)
    password_hash VARCHAR,                         -- argon2id; NULL: signs in only through OpenID Connect
    active        BOOLEAN NOT NULL DEFAULT true,
    failed_count  INTEGER NOT NULL DEFAULT 0,      -- failed sign-ins since the last good one
    locked_until  TIMESTAMP,                       -- no sign-in attempt accepted before this
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    demo          BOOLEAN NOT NULL DEFAULT false
);

-- Every change: who, when, what, before and after (JSON). Written only inside the transaction of
-- the change itself; the app has no way to edit or delete it.
CREATE TABLE audit_log (
    id       BIGINT PRIMARY KEY,
    happened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor    VARCHAR NOT NULL,
    action   VARCHAR NOT NULL,                     -- e.g. data.unggah, status.kembalikan, akun.tambah
    entity   VARCHAR NOT NULL,                     -- e.g. 'KESMAS 2026 TW II', 'akun budi'
    before   VARCHAR,
    after    VARCHAR
);

-- A unit's quarter in the review loop: draft → submitted → verified, or → returned (with notes).
CREATE TABLE review_event (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL,
    year     INTEGER NOT NULL,
    quarter  INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    state    VARCHAR NOT NULL CHECK (state IN ('draft', 'submitted', 'verified', 'returned')),
    actor    VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    note     VARCHAR,                              -- the general note of a return or a verification
    demo     BOOLEAN NOT NULL DEFAULT false
);

-- A return's notes on the indicators concerned
CREATE TABLE review_note (
    event_id     INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    note         VARCHAR NOT NULL,
    PRIMARY KEY (event_id, indicator_id)
);

-- The quarterly (quarter 1–4) and annual (quarter 0) reports: draft → corrected → final.
-- "final" locks the period's data; only an admin unlocks, with a reason (state back to corrected).
CREATE TABLE report_event (
    id      INTEGER PRIMARY KEY,
    year    INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    state   VARCHAR NOT NULL CHECK (state IN ('draft', 'corrected', 'final')),
    actor   VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    note    VARCHAR,                               -- the reason of an unlock
    demo    BOOLEAN NOT NULL DEFAULT false
);

-- After a quarter's close date a unit's data is closed to its operator until an admin reopens it.
ALTER TABLE quarter_deadline ADD COLUMN closes_on DATE;

CREATE TABLE period_reopen (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL,
    year     INTEGER NOT NULL,
    quarter  INTEGER NOT NULL,
    until_on DATE NOT NULL,
    actor    VARCHAR NOT NULL,
    happened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    reason   VARCHAR NOT NULL
);

-- Read-only dashboard links for people without an account. Only the token's SHA-256 is kept.
CREATE TABLE share_link (
    id          INTEGER PRIMARY KEY,
    token_hash  VARCHAR NOT NULL UNIQUE,
    label       VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL,
    unit_code   VARCHAR,
    goal_code   VARCHAR,
    key_only    BOOLEAN NOT NULL DEFAULT false,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    expires_on  DATE,
    revoked_by  VARCHAR,
    revoked_at  TIMESTAMP
);

-- The Sekretaris's disposition: who collects what from which units, by when (SOP step 1).
CREATE TABLE assignment (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL,
    assignee_id INTEGER NOT NULL,                  -- an account
    units       VARCHAR NOT NULL,                  -- unit codes, comma-separated
    task        VARCHAR NOT NULL,
    due_on      DATE,
    note        VARCHAR,                           -- catatan pembagian tugas
    assigned_by VARCHAR NOT NULL,
    assigned_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    done_at     TIMESTAMP,
    demo        BOOLEAN NOT NULL DEFAULT false
);

-- Where reminders go
ALTER TABLE unit ADD COLUMN phone VARCHAR;
ALTER TABLE unit ADD COLUMN email VARCHAR;
