-- Version 3: a participant is on an event's list at most once, so inviting
-- the round twice adds nobody the second time.
--
-- "Invite every participant" used to add, one row at a time, everyone it
-- did not see on the list, so a list read a moment too early could add a
-- person twice. Of each person's rows the one that says most is kept: a
-- check-in first, then an answer (accepted or declined) over a bare
-- invitation, then the oldest. Guests (no participant) are never merged.

DELETE FROM attendees WHERE id IN (
	SELECT id FROM (
		SELECT id, row_number() OVER (
			PARTITION BY event_id, participant_id
			ORDER BY checked_in_at <> '' DESC, rsvp <> 'invited' DESC, id
		) AS n
		FROM attendees WHERE participant_id IS NOT NULL
	) WHERE n > 1
);

CREATE UNIQUE INDEX attendees_event_participant ON attendees (event_id, participant_id) WHERE participant_id IS NOT NULL;
