-- +goose Up
-- The first schema: tenants, users, the company register, virksomhedscentre,
-- openings, citizens, and the audit and token tables. Every row keeps who
-- created and last changed it; archived_at hides a row without losing it.

CREATE TABLE jobcentres (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_no TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME
);
CREATE UNIQUE INDEX jobcentres_municipality_no ON jobcentres (municipality_no);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    cvr TEXT NOT NULL,
    name TEXT NOT NULL,
    branch TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL DEFAULT 0,
    lon REAL NOT NULL DEFAULT 0,
    contacts TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME
);
-- One live company per CVR number: the register is shared by all jobcentres.
CREATE UNIQUE INDEX companies_cvr_live ON companies (cvr) WHERE archived_at IS NULL;
CREATE INDEX companies_branch ON companies (branch);
CREATE INDEX companies_jobcentre ON companies (jobcentre_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'employer', 'event_staff')),
    jobcentre_id INTEGER REFERENCES jobcentres (id),
    company_id INTEGER REFERENCES companies (id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME
);
-- Emails are stored lower-cased by the application.
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE virksomhedscentre (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    company_id INTEGER NOT NULL REFERENCES companies (id),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    seats INTEGER NOT NULL CHECK (seats >= 1),
    target_groups TEXT NOT NULL DEFAULT '[]',
    mentors TEXT NOT NULL DEFAULT '[]',
    consultant_id INTEGER REFERENCES users (id),
    notes TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME
);
CREATE INDEX virksomhedscentre_company ON virksomhedscentre (company_id);
CREATE INDEX virksomhedscentre_jobcentre ON virksomhedscentre (jobcentre_id);

CREATE TABLE openings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    company_id INTEGER NOT NULL REFERENCES companies (id),
    posted_by INTEGER REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('virksomhedspraktik', 'loentilskud', 'igu', 'fleksjob', 'ordinaere_timer')),
    title TEXT NOT NULL,
    tasks TEXT NOT NULL DEFAULT '',
    branch TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL DEFAULT 0,
    lon REAL NOT NULL DEFAULT 0,
    hours_min REAL NOT NULL DEFAULT 0,
    hours_max REAL NOT NULL,
    seats INTEGER NOT NULL CHECK (seats >= 1),
    start_date TEXT,
    duration_weeks INTEGER NOT NULL DEFAULT 0,
    danish_level TEXT NOT NULL DEFAULT 'ingen',
    drivers_licence BOOLEAN NOT NULL DEFAULT 0,
    physical_demands TEXT NOT NULL DEFAULT '',
    mentor_available BOOLEAN NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'filled', 'closed')),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME,
    CHECK (hours_min <= hours_max)
);
-- The consultants' everyday list: by branch and kind, newest first.
CREATE INDEX openings_branch_kind ON openings (branch, kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_kind ON openings (kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_company ON openings (company_id);
CREATE INDEX openings_jobcentre ON openings (jobcentre_id);

CREATE TABLE citizens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    cpr_masked TEXT NOT NULL,
    cpr_hash TEXT NOT NULL,
    cpr_cipher TEXT NOT NULL,
    birth_date TEXT,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL CHECK (target_group IN ('gruppe1', 'gruppe2', 'gruppe3', 'gruppe4', 'ledig_fleksjobvisiteret', 'flygtning')),
    group_entered_on TEXT,
    arrival_date TEXT,
    goal_branch TEXT NOT NULL DEFAULT '',
    goal_title TEXT NOT NULL DEFAULT '',
    danish_level TEXT NOT NULL DEFAULT 'ingen',
    drivers_licence BOOLEAN NOT NULL DEFAULT 0,
    lat REAL NOT NULL DEFAULT 0,
    lon REAL NOT NULL DEFAULT 0,
    max_commute_km REAL NOT NULL DEFAULT 0,
    hours_capacity REAL NOT NULL DEFAULT 0,
    consent_share BOOLEAN NOT NULL DEFAULT 0,
    consultant_id INTEGER REFERENCES users (id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME
);
-- A person is an active citizen of one jobcentre at a time.
CREATE UNIQUE INDEX citizens_cpr_live ON citizens (cpr_hash) WHERE archived_at IS NULL;
CREATE INDEX citizens_jobcentre ON citizens (jobcentre_id, target_group);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    user_id INTEGER NOT NULL,
    jobcentre_id INTEGER,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_ids TEXT NOT NULL DEFAULT '',
    route TEXT NOT NULL DEFAULT '',
    remote_ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
CREATE INDEX audit_log_entity_at ON audit_log (entity, at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at DATETIME NOT NULL,
    last_used_at DATETIME
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE audit_log;
DROP TABLE citizens;
DROP TABLE openings;
DROP TABLE virksomhedscentre;
DROP TABLE users;
DROP TABLE companies;
DROP TABLE jobcentres;
