-- Version 4: a forms response ID is the response.
--
-- An imported response's key was "id:<ID>#<hash of its answers>", so an
-- edited answer, or one more column, in a re-downloaded export made every
-- response count again. Now the key is "id:<ID>" for the round's first
-- form and "id<k>:<ID>" for form k, a different form whose IDs repeat the
-- first's (imported with --new-form). Where a round already holds several
-- responses with one ID (two forms, or the double count this fixes), the
-- first keeps "id:<ID>" and the others become forms 2, 3, …: nothing is
-- deleted behind the organiser's back.
--
-- A re-import now updates responses in place, so an update of the answers
-- counts in response_deletions like a deletion: the tallies that count only
-- rows above the last ID seen then count again in full.
--
-- Written to be safe to run twice (the statements change nothing the
-- second time), as the migration numbering of parallel branches may apply
-- it again under another number.

UPDATE responses SET key = (
	SELECT CASE WHEN o.n = 1 THEN 'id:' ELSE 'id' || o.n || ':' END || o.rid
	FROM (
		SELECT id, substr(key, 4, instr(key, '#') - 4) AS rid,
			row_number() OVER (PARTITION BY round_id, substr(key, 4, instr(key, '#') - 4) ORDER BY id) AS n
		FROM responses
		WHERE key LIKE 'id:%#%'
	) AS o
	WHERE o.id = responses.id
)
WHERE key LIKE 'id:%#%';

CREATE TRIGGER IF NOT EXISTS responses_changed AFTER UPDATE OF scores, role, comment ON responses
BEGIN
	UPDATE response_deletions SET count = count + 1 WHERE id = 1;
END;
