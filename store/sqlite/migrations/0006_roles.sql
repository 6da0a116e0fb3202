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

-- Hosting more than one visitor: a participant offers places for one or
-- more partners (a consultant or a practice may host two or three), each
-- partner in a pair of their own with its own two visits. So one person
-- may now be in several pairs of a round, as many as their places; the
-- same two people still at most once. And a participant may name the
-- person they would like to be paired with.
ALTER TABLE participants ADD COLUMN places INTEGER NOT NULL DEFAULT 1 CHECK (places BETWEEN 1 AND 9);
ALTER TABLE participants ADD COLUMN request TEXT NOT NULL DEFAULT '';
DROP INDEX pairings_primary;
DROP INDEX pairings_secondary;
CREATE INDEX pairings_primary ON pairings (primary_id);
CREATE INDEX pairings_secondary ON pairings (secondary_id);
CREATE UNIQUE INDEX pairings_people ON pairings (primary_id, secondary_id);

-- A visit is half a day: the morning (09:00–13:00), the afternoon
-- (13:00–17:00), or four hours from a start time typed as HH:MM; '' when
-- not yet known. Calendars write it as a timed event, not an all-day one.
ALTER TABLE visits ADD COLUMN session TEXT NOT NULL DEFAULT '';
