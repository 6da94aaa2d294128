-- The settings that decide figures (the negative-polarity formula, the score cap, the at-risk
-- threshold, the category scale) belong to years: a value is in force from ``from_year`` until the
-- key's next row, so a change from one year leaves every earlier year's figures as they were. A year
-- before a key's first row uses the default (and the category scale the ``category_band`` table).
-- The deployment-wide settings (office name, region kind, demo flag, Word template) stay in ``setting``.
CREATE TABLE setting_from_year (
    key       VARCHAR NOT NULL,
    from_year INTEGER NOT NULL,
    value     VARCHAR NOT NULL,
    PRIMARY KEY (key, from_year)
);

-- What an office had chosen stays in force from the earliest year it holds (a plan, a figure or a
-- report), or the year of the upgrade when it holds none yet: nothing changes on upgrade.
INSERT INTO setting_from_year (key, from_year, value)
SELECT key,
       (SELECT least(coalesce(min(year), CAST(extract(year FROM current_date) AS INTEGER)),
                     CAST(extract(year FROM current_date) AS INTEGER))
        FROM (SELECT year FROM target UNION ALL SELECT year FROM realization UNION ALL SELECT year FROM report_event)),
       value
FROM setting
WHERE key IN ('negative_formula', 'score_cap', 'risk_threshold') AND trim(value) <> '';

DELETE FROM setting WHERE key IN ('negative_formula', 'score_cap', 'risk_threshold');
