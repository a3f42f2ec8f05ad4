-- +goose Up
-- Matching: each jobcentre's weights and rule parameters, match records
-- with their pipeline history, and the placement a started match creates
-- (issue 5 builds placements out; here they count against free seats).

CREATE TABLE matching_settings (
    jobcentre_id INTEGER PRIMARY KEY REFERENCES jobcentres (id),
    weights TEXT NOT NULL,
    rule_params TEXT NOT NULL,
    -- an open match with no change of state for this many days is flagged stalled
    stalled_after_days INTEGER NOT NULL DEFAULT 14,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_by INTEGER
);

CREATE TABLE matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    opening_id INTEGER NOT NULL REFERENCES openings (id),
    company_id INTEGER NOT NULL REFERENCES companies (id),
    state TEXT NOT NULL CHECK (state IN ('foreslaaet', 'kontaktet', 'samtale', 'aftalt', 'startet', 'afvist')),
    score REAL NOT NULL DEFAULT 0,
    factors TEXT NOT NULL DEFAULT '[]',
    -- the rule table (matching.RulesVersion) the score and factors were made under
    rules_version TEXT NOT NULL DEFAULT '',
    rejection_reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    consultant_id INTEGER REFERENCES users (id),
    state_changed_at DATETIME NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER
);
-- One open match per citizen and opening; a rejected one may be proposed again.
CREATE UNIQUE INDEX matches_open_pair ON matches (citizen_id, opening_id) WHERE state <> 'afvist';
CREATE INDEX matches_jobcentre_state ON matches (jobcentre_id, state);
CREATE INDEX matches_company_created ON matches (company_id, created_at);
CREATE INDEX matches_opening ON matches (opening_id);

CREATE TABLE match_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    match_id INTEGER NOT NULL REFERENCES matches (id),
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    at DATETIME NOT NULL,
    user_id INTEGER NOT NULL
);
CREATE INDEX match_events_match ON match_events (match_id, id);

CREATE TABLE placements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    opening_id INTEGER REFERENCES openings (id),
    company_id INTEGER NOT NULL REFERENCES companies (id),
    match_id INTEGER REFERENCES matches (id),
    kind TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('planlagt', 'aktiv', 'afsluttet', 'afbrudt')),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME
);
CREATE INDEX placements_opening_status ON placements (opening_id, status);
CREATE INDEX placements_citizen ON placements (citizen_id);

-- +goose Down
DROP TABLE placements;
DROP TABLE match_events;
DROP TABLE matches;
DROP TABLE matching_settings;
