-- +goose Up
-- The opening statuses til_godkendelse and pauset (models/enums.go) were
-- refused by the status CHECK of 00001. SQLite cannot alter a CHECK, so
-- the stored table definition is edited in place (the documented
-- writable_schema procedure for loosening a CHECK: no stored row becomes
-- invalid); the ALTER TABLE below then bumps the schema version, so every
-- connection reads the new definition. The second UPDATE covers a
-- definition another migration already widened by til_godkendelse only.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '''draft'', ''open'', ''filled'', ''closed''',
    '''draft'', ''til_godkendelse'', ''open'', ''pauset'', ''filled'', ''closed''')
    WHERE type = 'table' AND name = 'openings';
UPDATE sqlite_master SET sql = replace(sql, '''open'', ''filled''', '''open'', ''pauset'', ''filled''')
    WHERE type = 'table' AND name = 'openings' AND sql NOT LIKE '%''pauset''%';
PRAGMA writable_schema = OFF;
-- An employer's interest in a candidate (POST /openings/{id}/interest)
-- creates or marks the match on the consultant's board: source says who
-- started it ('jobcenter' or 'arbejdsgiver'), interest_at when the
-- employer showed interest (the contact quota counts these per company
-- and calendar month) and interest_message what the employer wrote.
ALTER TABLE matches ADD COLUMN source TEXT NOT NULL DEFAULT 'jobcenter' CHECK (source IN ('jobcenter', 'arbejdsgiver'));
ALTER TABLE matches ADD COLUMN interest_message TEXT NOT NULL DEFAULT '';
ALTER TABLE matches ADD COLUMN interest_at DATETIME;
CREATE INDEX matches_company_interest ON matches (company_id, interest_at) WHERE interest_at IS NOT NULL;
-- Enough referrals: when this many of the opening's matches have reached
-- kontaktet or beyond, the opening is paused (status 'pauset').
ALTER TABLE openings ADD COLUMN max_referrals INTEGER CHECK (max_referrals IS NULL OR max_referrals >= 1);

-- +goose Down
ALTER TABLE openings DROP COLUMN max_referrals;
DROP INDEX matches_company_interest;
ALTER TABLE matches DROP COLUMN interest_at;
ALTER TABLE matches DROP COLUMN interest_message;
ALTER TABLE matches DROP COLUMN source;
