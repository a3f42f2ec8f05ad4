-- +goose Up
-- The reference form (udtalelse, referenceskema): at the end of a placement
-- the company writes which tasks the citizen solved (a JSON list of lines)
-- and rates six general competences from 1 to 5 (dansk_paa_arbejdspladsen
-- may be NULL: not relevant), with a free comment, for the citizen's own
-- job search. One row per placement; a correction overwrites it and counts
-- up revision. written_* is the first save, updated_* the latest.
CREATE TABLE placement_references (
    placement_id INTEGER PRIMARY KEY REFERENCES placements (id) ON DELETE CASCADE,
    tasks_solved TEXT NOT NULL DEFAULT '[]',
    fremmoede INTEGER NOT NULL CHECK (fremmoede BETWEEN 1 AND 5),
    samarbejde INTEGER NOT NULL CHECK (samarbejde BETWEEN 1 AND 5),
    tempo INTEGER NOT NULL CHECK (tempo BETWEEN 1 AND 5),
    kvalitet INTEGER NOT NULL CHECK (kvalitet BETWEEN 1 AND 5),
    selvstaendighed INTEGER NOT NULL CHECK (selvstaendighed BETWEEN 1 AND 5),
    dansk_paa_arbejdspladsen INTEGER CHECK (dansk_paa_arbejdspladsen BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    written_by INTEGER NOT NULL,
    written_at DATETIME NOT NULL,
    updated_by INTEGER NOT NULL,
    updated_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE placement_references;
