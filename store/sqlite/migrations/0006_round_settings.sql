-- Version 6: settings that belong to one round, such as the matching
-- options (which roles go on each side, the weights, the priority
-- specialties). They go with their round when it is deleted, and a round
-- that later gets the same ID does not inherit them.
CREATE TABLE round_settings (
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	key      TEXT NOT NULL CHECK (trim(key) <> ''),
	value    TEXT NOT NULL,
	PRIMARY KEY (round_id, key)
) WITHOUT ROWID;
