-- A planner's edits of a report's drafted paragraphs, kept for the next export. The drafted text
-- the edit was made on is kept too: when the numbers change, the draft changes, and the edit (which
-- may state the old numbers) is set aside and shown for review instead of being exported.
CREATE TABLE report_text (
    year           INTEGER NOT NULL,
    quarter        INTEGER NOT NULL,             -- 0: the annual report
    indicator_code VARCHAR NOT NULL,
    drafted        VARCHAR NOT NULL,
    edited         VARCHAR NOT NULL,
    edited_by      VARCHAR NOT NULL,
    edited_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (year, quarter, indicator_code)
);
