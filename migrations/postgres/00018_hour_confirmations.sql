-- +goose Up
-- The employer's word on a week's hours: confirmed (bekraeftet) or
-- disputed (bestridt, with a comment and perhaps the figure the employer
-- believes). Rows are only added, so the history stays; the latest row of
-- a week counts only while the week is still at the hours revision it
-- was given for. A correction of the hours (a new revision) therefore
-- leaves the week unconfirmed until the employer confirms the new figure.
CREATE TABLE hour_confirmations (
    id BIGSERIAL PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements (id),
    iso_week TEXT NOT NULL,
    week_start DATE NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    state TEXT NOT NULL CHECK (state IN ('bekraeftet', 'bestridt')),
    worked DOUBLE PRECISION NOT NULL,
    claimed_worked DOUBLE PRECISION,
    comment TEXT NOT NULL DEFAULT '',
    by_user BIGINT NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX hour_confirmations_week ON hour_confirmations (placement_id, week_start, id);

-- +goose Down
DROP TABLE hour_confirmations;
