-- Every rupiah counted once: a sub-kegiatan's pagu and spending are the budget; an amount written on
-- a program, a kegiatan or a level above is a subtotal of the sub-kegiatan under it, kept apart.
-- No default: a DuckLake adds a column only with a literal one; every save writes it.
ALTER TABLE cascade_node ADD COLUMN pagu_subtotal DOUBLE;
ALTER TABLE cascade_node ADD COLUMN spending_subtotal DOUBLE;
UPDATE cascade_node SET pagu_subtotal = pagu, pagu = NULL WHERE level <> 'sub_kegiatan' AND pagu IS NOT NULL;
UPDATE cascade_node SET spending_subtotal = spending, spending = NULL
WHERE level <> 'sub_kegiatan' AND spending IS NOT NULL;
-- One node, one identity: a code made for a node a file gave none under a Kemendagri code was the
-- parent's code and a number ("1.02.02.1", "1.02.02.2.02.1"), which reads as a Kemendagri code; it
-- takes its level's letters in front ("K1.02.02.1", "SK1.02.02.2.02.1"), as a code made now does, and
-- the made nodes under it follow ("K1.02.02.1.1"). A Kemendagri code's last part is never a bare
-- number of one to three digits under its parent's code (a sub-kegiatan's is four: ".0001").
UPDATE cascade_node SET code = renamed.code
FROM (
    WITH RECURSIVE
    made_here AS (
        SELECT n.id, n.code, n.level, n.parent_id
        FROM cascade_node n JOIN cascade_node p ON p.id = n.parent_id
        WHERE starts_with(n.code, p.code || '.')
          AND regexp_full_match(substr(n.code, length(p.code) + 2), '[1-9][0-9]{0,2}')
          AND regexp_full_match(p.code, '([0-9]+|X{1,2})(\.([0-9]+|X{1,2}))+')
    ),
    made(id, old, code) AS (
        SELECT id, code,
               CASE level WHEN 'tujuan_pemda' THEN 'TP' WHEN 'sasaran_pemda' THEN 'SP' WHEN 'tujuan_opd' THEN 'T'
                          WHEN 'sasaran_opd' THEN 'S' WHEN 'program' THEN 'P' WHEN 'kegiatan' THEN 'K'
                          WHEN 'sub_kegiatan' THEN 'SK' ELSE 'R' END || code
        FROM made_here WHERE parent_id NOT IN (SELECT id FROM made_here)
        UNION ALL
        SELECT h.id, h.code, m.code || substr(h.code, length(m.old) + 1)
        FROM made_here h JOIN made m ON h.parent_id = m.id
    )
    SELECT id, code FROM made
) AS renamed
WHERE cascade_node.id = renamed.id;
