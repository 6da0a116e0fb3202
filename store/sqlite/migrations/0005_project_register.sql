-- Version: the improvement-project register (issue 12). Each project records
-- what kind of output it produced, who adopted it, what it saved, and the
-- theme and reflection that prompted it, beside the pair it already links.

ALTER TABLE projects ADD COLUMN output_type TEXT NOT NULL DEFAULT ''
	CHECK (output_type IN ('', 'letter_info', 'letter_action', 'directory', 'leaflet', 'pathway', 'guideline', 'other'));
ALTER TABLE projects ADD COLUMN adopted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN saving REAL;
ALTER TABLE projects ADD COLUMN saving_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN saving_note TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN theme TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN reflection_id INTEGER REFERENCES reflections (id) ON DELETE SET NULL;
