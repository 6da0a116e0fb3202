-- Version: attendees for the event end to end (issue 12). An attendee may
-- have an email (to link them to a participant on import), access and
-- dietary needs (health data: stored only when entered, deleted with the
-- attendee), and a place on a waitlist: accepting beyond the event's
-- capacity waitlists the person, and a decline promotes the first waiting.
-- SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt, keeping every row and ID, and its indexes are made again.

CREATE TABLE attendees_v7 (
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
INSERT INTO attendees_v7 (id, event_id, participant_id, name, organisation, role, rsvp, checked_in_at)
	SELECT id, event_id, participant_id, name, organisation, role, rsvp, checked_in_at FROM attendees;
DROP TABLE attendees;
ALTER TABLE attendees_v7 RENAME TO attendees;
CREATE INDEX attendees_event ON attendees (event_id);
CREATE UNIQUE INDEX attendees_event_participant ON attendees (event_id, participant_id) WHERE participant_id IS NOT NULL;
