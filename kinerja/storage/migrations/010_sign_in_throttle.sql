-- Failed sign-ins counted per name typed, whether an account has that name or not, so that the
-- wait after three failures tells nobody which names exist, and so that attempts made at the same
-- moment are each counted before their password is checked.
CREATE TABLE sign_in_throttle (
    name          VARCHAR PRIMARY KEY,         -- as typed, trimmed and lowered
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP
);
