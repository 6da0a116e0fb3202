-- Liaison schema, version 1: the whole mission from day one.
-- Dates are ISO 8601 text (YYYY-MM-DD); times are RFC 3339 text in UTC.

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
CREATE UNIQUE INDEX rounds_name ON rounds (lower(name));

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
);
CREATE INDEX participants_round ON participants (round_id);
CREATE UNIQUE INDEX participants_email ON participants (round_id, lower(email)) WHERE email <> '';

CREATE TABLE pairings (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	primary_id   INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	secondary_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	locked       INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
	reason       TEXT NOT NULL DEFAULT '',
	CHECK (primary_id <> secondary_id)
);
CREATE INDEX pairings_round ON pairings (round_id);
CREATE UNIQUE INDEX pairings_primary ON pairings (primary_id);
CREATE UNIQUE INDEX pairings_secondary ON pairings (secondary_id);

CREATE TABLE visits (
	id                  INTEGER PRIMARY KEY,
	pairing_id          INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
	host                TEXT NOT NULL CHECK (host IN ('primary', 'secondary')),
	visit_date          TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'done', 'cancelled')),
	notes               TEXT NOT NULL DEFAULT '',
	reflection_received INTEGER NOT NULL DEFAULT 0 CHECK (reflection_received IN (0, 1)),
	UNIQUE (pairing_id, host)
);

CREATE TABLE questions (
	id       INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text     TEXT NOT NULL CHECK (trim(text) <> '')
);
CREATE INDEX questions_round ON questions (round_id, position);

-- One row per response; the scores are packed as "questionID:score" pairs
-- separated by commas, so a 100,000-response import writes 100,000 rows.
CREATE TABLE responses (
	id         INTEGER PRIMARY KEY,
	round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	scores     TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	key        TEXT NOT NULL,
	comment    TEXT NOT NULL DEFAULT '',
	UNIQUE (round_id, key)
);

-- Reflections are anonymous: by design there is no participant column.
CREATE TABLE reflections (
	id       INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	body     TEXT NOT NULL CHECK (trim(body) <> ''),
	approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
	excerpt  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reflections_round ON reflections (round_id);

CREATE TABLE themes (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL CHECK (trim(name) <> ''),
	keywords TEXT NOT NULL DEFAULT '', -- separated by ';'
	builtin  INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);
CREATE UNIQUE INDEX themes_name ON themes (lower(name));
INSERT INTO themes (name, keywords, builtin) VALUES
	('compassion', 'compassion;compassionate;kindness;empathy;care;wellbeing;morale;support', 1),
	('collaboration', 'collaboration;relationship;together;team;partnership;communication;dialogue;joined up', 1),
	('complexity', 'complexity;complex;multimorbidity;pressure;challenge;demand;workload', 1),
	('efficiency', 'efficiency;time;admin;letters;waste;saving;quick;process', 1),
	('education', 'education;learn;learning;teaching;training;insight;understanding', 1);

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
);
CREATE INDEX projects_round ON projects (round_id);

CREATE TABLE events (
	id         INTEGER PRIMARY KEY,
	round_id   INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	name       TEXT NOT NULL CHECK (trim(name) <> ''),
	event_date TEXT NOT NULL DEFAULT '',
	venue      TEXT NOT NULL DEFAULT '',
	capacity   INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0)
);
CREATE INDEX events_round ON events (round_id);

CREATE TABLE agenda_items (
	id       INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	starts   TEXT NOT NULL DEFAULT '', -- HH:MM
	minutes  INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
	title    TEXT NOT NULL CHECK (trim(title) <> ''),
	speaker  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_event ON agenda_items (event_id, position);

CREATE TABLE attendees (
	id             INTEGER PRIMARY KEY,
	event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
	name           TEXT NOT NULL CHECK (trim(name) <> ''),
	organisation   TEXT NOT NULL DEFAULT '',
	role           TEXT NOT NULL DEFAULT '',
	rsvp           TEXT NOT NULL DEFAULT 'invited' CHECK (rsvp IN ('invited', 'accepted', 'declined')),
	checked_in_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attendees_event ON attendees (event_id);
