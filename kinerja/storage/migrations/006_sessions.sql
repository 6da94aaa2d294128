-- Signed-in sessions that survive a page reload: the browser keeps a random token in a cookie,
-- the database only its SHA-256. A session ends when signed out, after an idle hour, or after
-- twelve hours (kinerja.access.accounts).
CREATE TABLE app_session (
    token_hash VARCHAR PRIMARY KEY,
    account_id INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    seen_at    TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP
);
