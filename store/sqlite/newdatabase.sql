-- schema 8: what the migrations leave in a new database. Written by
-- go test ./store/sqlite -run TestNewDatabaseSchemaIsTheMigrations -update; do not edit.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE rounds (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (trim(name) <> ''),
	starts_on  TEXT NOT NULL DEFAULT '',
	ends_on    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE TABLE participants (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	name         TEXT NOT NULL CHECK (trim(name) <> ''),
	email        TEXT NOT NULL DEFAULT '',
	role         TEXT NOT NULL CHECK (role IN ('gp', 'consultant', 'nurse', 'manager', 'pharmacist', 'support_worker', 'other')),
	organisation TEXT NOT NULL DEFAULT '',
	specialty    TEXT NOT NULL DEFAULT '',
	locality     TEXT NOT NULL DEFAULT '',
	wishes       TEXT NOT NULL DEFAULT '' -- wished-for specialties, separated by ';'
, places INTEGER NOT NULL DEFAULT 1 CHECK (places BETWEEN 1 AND 9), request TEXT NOT NULL DEFAULT '');
CREATE TABLE pairings (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	primary_id   INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	secondary_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	locked       INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
	reason       TEXT NOT NULL DEFAULT '',
	CHECK (primary_id <> secondary_id)
);
CREATE TABLE visits (
	id                  INTEGER PRIMARY KEY,
	pairing_id          INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
	host                TEXT NOT NULL CHECK (host IN ('primary', 'secondary')),
	visit_date          TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'done', 'cancelled')),
	notes               TEXT NOT NULL DEFAULT '',
	reflection_received INTEGER NOT NULL DEFAULT 0 CHECK (reflection_received IN (0, 1)), session TEXT NOT NULL DEFAULT '',
	UNIQUE (pairing_id, host)
);
CREATE TABLE reflections (
	id       INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	body     TEXT NOT NULL CHECK (trim(body) <> ''),
	approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
	excerpt  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE themes (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL CHECK (trim(name) <> ''),
	keywords TEXT NOT NULL DEFAULT '', -- separated by ';'
	builtin  INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);
CREATE TABLE reflection_themes (
	reflection_id INTEGER NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
	theme_id      INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
	PRIMARY KEY (reflection_id, theme_id)
) WITHOUT ROWID;
CREATE TABLE projects (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	title        TEXT NOT NULL CHECK (trim(title) <> ''),
	prompted_by  TEXT NOT NULL DEFAULT '',
	pairing_id   INTEGER REFERENCES pairings (id) ON DELETE SET NULL,
	owner        TEXT NOT NULL DEFAULT '',
	group_name   TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea', 'in_progress', 'completed', 'stopped')),
	started_on   TEXT NOT NULL DEFAULT '',
	completed_on TEXT NOT NULL DEFAULT '',
	impact       TEXT NOT NULL DEFAULT '',
	links        TEXT NOT NULL DEFAULT ''
, output_type TEXT NOT NULL DEFAULT ''
	CHECK (output_type IN ('', 'letter_info', 'letter_action', 'directory', 'leaflet', 'pathway', 'guideline', 'other')), adopted_by TEXT NOT NULL DEFAULT '', saving REAL, saving_unit TEXT NOT NULL DEFAULT '', saving_note TEXT NOT NULL DEFAULT '', theme TEXT NOT NULL DEFAULT '', reflection_id INTEGER REFERENCES reflections (id) ON DELETE SET NULL, group_id INTEGER REFERENCES task_groups (id) ON DELETE SET NULL, meeting_id INTEGER REFERENCES events (id) ON DELETE SET NULL);
CREATE TABLE agenda_items (
	id       INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	starts   TEXT NOT NULL DEFAULT '', -- HH:MM
	minutes  INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
	title    TEXT NOT NULL CHECK (trim(title) <> ''),
	speaker  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE "questions" (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text     TEXT NOT NULL CHECK (trim(text) <> '')
);
CREATE TABLE "responses" (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	scores   TEXT NOT NULL DEFAULT '',
	role     TEXT NOT NULL DEFAULT '',
	source   TEXT NOT NULL DEFAULT '',
	key      TEXT NOT NULL,
	comment  TEXT NOT NULL DEFAULT '',
	UNIQUE (round_id, key)
);
CREATE TABLE response_deletions (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	count INTEGER NOT NULL
);
CREATE TABLE round_settings (
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	key      TEXT NOT NULL CHECK (trim(key) <> ''),
	value    TEXT NOT NULL,
	PRIMARY KEY (round_id, key)
) WITHOUT ROWID;
CREATE TABLE "attendees" (
	id             INTEGER PRIMARY KEY,
	event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
	name           TEXT NOT NULL CHECK (trim(name) <> ''),
	organisation   TEXT NOT NULL DEFAULT '',
	role           TEXT NOT NULL DEFAULT '',
	rsvp           TEXT NOT NULL DEFAULT 'invited' CHECK (rsvp IN ('invited', 'accepted', 'waitlisted', 'declined')),
	checked_in_at  TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL DEFAULT '',
	access_needs   TEXT NOT NULL DEFAULT '',
	dietary_needs  TEXT NOT NULL DEFAULT '',
	waitlisted_at  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE forums (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL CHECK (trim(name) <> ''),
	interval_n    INTEGER NOT NULL DEFAULT 4,
	interval_unit TEXT NOT NULL DEFAULT 'week' CHECK (interval_unit IN ('week', 'month')),
	venue         TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	CHECK (interval_n >= 1 AND (interval_unit = 'week' AND interval_n <= 52 OR interval_unit = 'month' AND interval_n <= 12))
);
CREATE TABLE "events" (
	id         INTEGER PRIMARY KEY,
	round_id   INTEGER REFERENCES rounds (id) ON DELETE CASCADE,
	forum_id   INTEGER REFERENCES forums (id) ON DELETE CASCADE,
	name       TEXT NOT NULL CHECK (trim(name) <> ''),
	event_date TEXT NOT NULL DEFAULT '',
	venue      TEXT NOT NULL DEFAULT '',
	capacity   INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	CHECK ((round_id IS NULL) <> (forum_id IS NULL))
);
CREATE TABLE task_groups (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL CHECK (trim(name) <> ''),
	lead    TEXT NOT NULL DEFAULT '',
	members TEXT NOT NULL DEFAULT ''
);
INSERT INTO "themes" VALUES (1, 'compassion', 'compassion;compassionate;kindness;empathy;care;wellbeing;morale;support', 1);
INSERT INTO "themes" VALUES (2, 'collaboration', 'collaboration;relationship;together;team;partnership;communication;dialogue;joined up', 1);
INSERT INTO "themes" VALUES (3, 'complexity', 'complexity;complex;multimorbidity;pressure;challenge;demand;workload', 1);
INSERT INTO "themes" VALUES (4, 'efficiency', 'efficiency;time;admin;letters;waste;saving;quick;process', 1);
INSERT INTO "themes" VALUES (5, 'education', 'education;learn;learning;teaching;training;insight;understanding', 1);
INSERT INTO "response_deletions" VALUES (1, 0);
INSERT INTO "sqlite_sequence" VALUES ('questions', 0);
INSERT INTO "sqlite_sequence" VALUES ('responses', 0);
CREATE UNIQUE INDEX rounds_name ON rounds (lower(name));
CREATE INDEX participants_round ON participants (round_id);
CREATE UNIQUE INDEX participants_email ON participants (round_id, lower(email)) WHERE email <> '';
CREATE INDEX pairings_round ON pairings (round_id);
CREATE INDEX reflections_round ON reflections (round_id);
CREATE UNIQUE INDEX themes_name ON themes (lower(name));
CREATE INDEX projects_round ON projects (round_id);
CREATE INDEX agenda_items_event ON agenda_items (event_id, position);
CREATE INDEX questions_round ON questions (round_id, position);
CREATE TRIGGER responses_deleted AFTER DELETE ON responses
BEGIN
	UPDATE response_deletions SET count = count + 1 WHERE id = 1;
END;
CREATE INDEX participants_round_role_locality ON participants (round_id, role, locality);
CREATE TRIGGER responses_changed AFTER UPDATE OF scores, role, comment ON responses
BEGIN
	UPDATE response_deletions SET count = count + 1 WHERE id = 1;
END;
CREATE INDEX pairings_primary ON pairings (primary_id);
CREATE INDEX pairings_secondary ON pairings (secondary_id);
CREATE UNIQUE INDEX pairings_people ON pairings (primary_id, secondary_id);
CREATE INDEX attendees_event ON attendees (event_id);
CREATE UNIQUE INDEX attendees_event_participant ON attendees (event_id, participant_id) WHERE participant_id IS NOT NULL;
CREATE UNIQUE INDEX forums_name ON forums (lower(name));
CREATE INDEX events_round ON events (round_id);
CREATE INDEX events_forum ON events (forum_id, event_date);
CREATE UNIQUE INDEX task_groups_name ON task_groups (lower(name));
CREATE INDEX projects_group ON projects (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX projects_meeting ON projects (meeting_id) WHERE meeting_id IS NOT NULL;
