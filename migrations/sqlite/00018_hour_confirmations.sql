-- +goose Up
-- The employer's word on a week's hours: confirmed (bekraeftet) or
-- disputed (bestridt, with a comment and perhaps the figure the employer
-- believes). Rows are only added, so the history stays; the latest row of
-- a week counts only while the week is still at the hours revision it
-- was given for. A correction of the hours (a new revision) therefore
-- leaves the week unconfirmed until the employer confirms the new figure.
CREATE TABLE hour_confirmations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    iso_week TEXT NOT NULL,
    week_start TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    state TEXT NOT NULL CHECK (state IN ('bekraeftet', 'bestridt')),
    worked REAL NOT NULL,
    claimed_worked REAL,
    comment TEXT NOT NULL DEFAULT '',
    by_user INTEGER NOT NULL,
    decided_at DATETIME NOT NULL
);
CREATE INDEX hour_confirmations_week ON hour_confirmations (placement_id, week_start, id);

-- +goose Down
DROP TABLE hour_confirmations;
