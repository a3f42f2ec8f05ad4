-- +goose Up
-- Openings get two statuses: til_godkendelse (an employer's opening under a
-- subsidised scheme awaits the jobcentre's review) and pauset (enough
-- referrals); the same as 00017, so either may come first.
ALTER TABLE openings DROP CONSTRAINT IF EXISTS openings_status_check;
ALTER TABLE openings ADD CONSTRAINT openings_status_check
    CHECK (status IN ('draft', 'til_godkendelse', 'open', 'pauset', 'filled', 'closed'));

-- The jobcentre's reviews of openings that employers post for a subsidised
-- scheme (virksomhedspraktik, løntilskud, IGU, fleksjob): such an opening
-- awaits review (status til_godkendelse) until a consultant approves it
-- (open) or sends it back with a comment (draft). Every review is kept:
-- the scheme's checklist as ticked (JSON object key → true/false), the
-- comment, who and when. An opening's reads show the latest.
CREATE TABLE opening_reviews (
    id BIGSERIAL PRIMARY KEY,
    opening_id BIGINT NOT NULL REFERENCES openings (id) ON DELETE CASCADE,
    decision TEXT NOT NULL,
    checklist TEXT NOT NULL DEFAULT '{}',
    comment TEXT NOT NULL DEFAULT '',
    reviewed_by BIGINT NOT NULL REFERENCES users (id),
    reviewed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX opening_reviews_opening ON opening_reviews (opening_id, id);

-- +goose Down
DROP TABLE opening_reviews;
