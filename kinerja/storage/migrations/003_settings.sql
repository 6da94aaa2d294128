-- Deployment settings (the negative-polarity formula, the score cap, the office's name, …) and
-- the category scale, which is data: other bodies use other bands and labels.

CREATE TABLE setting (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE category_band (
    position    INTEGER PRIMARY KEY,              -- 1 = best
    lower_bound DOUBLE,                           -- NULL: everything below the band above
    label       VARCHAR NOT NULL,
    color       VARCHAR NOT NULL
);

INSERT INTO category_band VALUES
    (1, 91, 'Sangat Tinggi', '#0072B2'),
    (2, 76, 'Tinggi', '#56B4E9'),
    (3, 66, 'Sedang', '#F0E442'),
    (4, 51, 'Rendah', '#E69F00'),
    (5, NULL, 'Sangat Rendah', '#D55E00');
