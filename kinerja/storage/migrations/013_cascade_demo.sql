-- The demo's pohon kinerja is removed with the rest of the demo (a tree a user saved since is theirs).
ALTER TABLE cascade_node ADD COLUMN demo BOOLEAN DEFAULT false;
