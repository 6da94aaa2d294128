-- The demo's pohon kinerja is removed with the rest of the demo (a tree a user saved since is theirs).
-- No default: a DuckLake adds a column only with a literal one; every save writes it (NULL = not demo).
ALTER TABLE cascade_node ADD COLUMN demo BOOLEAN;
UPDATE cascade_node SET demo = false;
