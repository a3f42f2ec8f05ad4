-- +goose Up
-- Matching: each jobcentre's weights and rule parameters, match records
-- with their pipeline history, and the placement a started match creates
-- (issue 5 builds placements out; here they count against free seats).

CREATE TABLE matching_settings (
    jobcentre_id BIGINT PRIMARY KEY REFERENCES jobcentres (id),
    weights TEXT NOT NULL,
    rule_params TEXT NOT NULL,
    -- an open match with no change of state for this many days is flagged stalled
    stalled_after_days INTEGER NOT NULL DEFAULT 14,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by BIGINT
);

CREATE TABLE matches (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    citizen_id BIGINT NOT NULL REFERENCES citizens (id),
    opening_id BIGINT NOT NULL REFERENCES openings (id),
    company_id BIGINT NOT NULL REFERENCES companies (id),
    state TEXT NOT NULL CHECK (state IN ('foreslaaet', 'kontaktet', 'samtale', 'aftalt', 'startet', 'afvist')),
    score DOUBLE PRECISION NOT NULL DEFAULT 0,
    factors TEXT NOT NULL DEFAULT '[]',
    -- the rule table (matching.RulesVersion) the score and factors were made under
    rules_version TEXT NOT NULL DEFAULT '',
    rejection_reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    consultant_id BIGINT REFERENCES users (id),
    state_changed_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT
);
-- One open match per citizen and opening; a rejected one may be proposed again.
CREATE UNIQUE INDEX matches_open_pair ON matches (citizen_id, opening_id) WHERE state <> 'afvist';
CREATE INDEX matches_jobcentre_state ON matches (jobcentre_id, state);
CREATE INDEX matches_company_created ON matches (company_id, created_at);
CREATE INDEX matches_opening ON matches (opening_id);

CREATE TABLE match_events (
    id BIGSERIAL PRIMARY KEY,
    match_id BIGINT NOT NULL REFERENCES matches (id),
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    at TIMESTAMPTZ NOT NULL,
    user_id BIGINT NOT NULL
);
CREATE INDEX match_events_match ON match_events (match_id, id);

CREATE TABLE placements (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    citizen_id BIGINT NOT NULL REFERENCES citizens (id),
    opening_id BIGINT REFERENCES openings (id),
    company_id BIGINT NOT NULL REFERENCES companies (id),
    match_id BIGINT REFERENCES matches (id),
    kind TEXT NOT NULL,
    start_date DATE,
    end_date DATE,
    status TEXT NOT NULL CHECK (status IN ('planlagt', 'aktiv', 'afsluttet', 'afbrudt')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ
);
CREATE INDEX placements_opening_status ON placements (opening_id, status);
CREATE INDEX placements_citizen ON placements (citizen_id);

-- +goose Down
DROP TABLE placements;
DROP TABLE match_events;
DROP TABLE matches;
DROP TABLE matching_settings;
