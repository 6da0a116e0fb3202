-- liaison: foreign_keys off
-- Version 8: the regular forum (issue 12). A forum is a series of meetings
-- that outlives any round; each meeting is an event (date, venue, agenda,
-- attendees, check-in) that belongs to its forum instead of a round, so
-- deleting a round no longer deletes it. Improvement projects record the
-- meeting that agreed them, and task-and-finish groups become records
-- (name, lead, members) that own projects.
--
-- events.round_id must become nullable, which SQLite can only do by
-- rebuilding the table. agenda_items and attendees refer to events with
-- ON DELETE CASCADE, so DROP TABLE events with foreign keys on would empty
-- them: the first line above makes the migration runner apply this file
-- with foreign keys off and run PRAGMA foreign_key_check before it commits
-- (SQLite's own procedure, https://sqlite.org/lang_altertable.html#otheralter).
-- Every event keeps its ID, so the agendas and attendees keep theirs.

-- interval_n and interval_unit are store.Interval: every N weeks, or every
-- N calendar months (a month is not a fixed number of days).
CREATE TABLE forums (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL CHECK (trim(name) <> ''),
	interval_n    INTEGER NOT NULL DEFAULT 4,
	interval_unit TEXT NOT NULL DEFAULT 'week' CHECK (interval_unit IN ('week', 'month')),
	venue         TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	CHECK (interval_n >= 1 AND (interval_unit = 'week' AND interval_n <= 52 OR interval_unit = 'month' AND interval_n <= 12))
);
CREATE UNIQUE INDEX forums_name ON forums (lower(name));

CREATE TABLE events_v8 (
	id         INTEGER PRIMARY KEY,
	round_id   INTEGER REFERENCES rounds (id) ON DELETE CASCADE,
	forum_id   INTEGER REFERENCES forums (id) ON DELETE CASCADE,
	name       TEXT NOT NULL CHECK (trim(name) <> ''),
	event_date TEXT NOT NULL DEFAULT '',
	venue      TEXT NOT NULL DEFAULT '',
	capacity   INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	CHECK ((round_id IS NULL) <> (forum_id IS NULL))
);
INSERT INTO events_v8 (id, round_id, name, event_date, venue, capacity)
	SELECT id, round_id, name, event_date, venue, capacity FROM events;
DROP TABLE events;
ALTER TABLE events_v8 RENAME TO events;
CREATE INDEX events_round ON events (round_id);
CREATE INDEX events_forum ON events (forum_id, event_date);

-- Members are names, one per line: a group outlives rounds, and its
-- members need not be participants.
CREATE TABLE task_groups (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL CHECK (trim(name) <> ''),
	lead    TEXT NOT NULL DEFAULT '',
	members TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX task_groups_name ON task_groups (lower(name));

-- The groups typed into projects so far become records, one per name
-- (ignoring case and surrounding spaces), spelt as the earliest project
-- spelt it; projects.group_name is kept in step with the group's name.
INSERT INTO task_groups (name)
	SELECT trim(group_name) FROM (SELECT group_name, min(id) FROM projects WHERE trim(group_name) <> ''
		GROUP BY lower(trim(group_name)) ORDER BY min(id));
ALTER TABLE projects ADD COLUMN group_id INTEGER REFERENCES task_groups (id) ON DELETE SET NULL;
UPDATE projects SET group_id = (SELECT g.id FROM task_groups g WHERE lower(g.name) = lower(trim(projects.group_name))),
	group_name = trim(group_name)
	WHERE trim(group_name) <> '';
CREATE INDEX projects_group ON projects (group_id) WHERE group_id IS NOT NULL;

ALTER TABLE projects ADD COLUMN meeting_id INTEGER REFERENCES events (id) ON DELETE SET NULL;
CREATE INDEX projects_meeting ON projects (meeting_id) WHERE meeting_id IS NOT NULL;
