-- Version 2: question and response IDs are never reused, deletions of
-- responses are counted, and an index for counting participants.
--
-- A response stores its scores by question ID, so a deleted question's ID
-- handed to a new question would give the new question the old answers.
-- And the live charts count responses incrementally (rows with an ID above
-- the last one counted), which is only sound when IDs only ever grow and
-- any deletion is noticed. AUTOINCREMENT and the trigger below give both,
-- without slowing imports (which only insert).

CREATE TABLE questions_v2 (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text     TEXT NOT NULL CHECK (trim(text) <> '')
);
INSERT INTO questions_v2 (id, round_id, position, text) SELECT id, round_id, position, text FROM questions;
DROP TABLE questions;
ALTER TABLE questions_v2 RENAME TO questions;
CREATE INDEX questions_round ON questions (round_id, position);

CREATE TABLE responses_v2 (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	scores   TEXT NOT NULL DEFAULT '',
	role     TEXT NOT NULL DEFAULT '',
	source   TEXT NOT NULL DEFAULT '',
	key      TEXT NOT NULL,
	comment  TEXT NOT NULL DEFAULT '',
	UNIQUE (round_id, key)
);
INSERT INTO responses_v2 (id, round_id, scores, role, source, key, comment)
	SELECT id, round_id, scores, role, source, key, comment FROM responses;
DROP TABLE responses;
ALTER TABLE responses_v2 RENAME TO responses;

CREATE TABLE response_deletions (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	count INTEGER NOT NULL
);
INSERT INTO response_deletions (id, count) VALUES (1, 0);
CREATE TRIGGER responses_deleted AFTER DELETE ON responses
BEGIN
	UPDATE response_deletions SET count = count + 1 WHERE id = 1;
END;

-- Counting participants by role and locality (the dashboard, the live
-- charts) reads this index alone, in order, without sorting 10,000 rows.
CREATE INDEX participants_round_role_locality ON participants (round_id, role, locality);
