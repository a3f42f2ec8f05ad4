-- +goose Up
-- The first schema: tenants, users, the company register, virksomhedscentre,
-- openings, citizens, and the audit and token tables. Every row keeps who
-- created and last changed it; archived_at hides a row without losing it.

CREATE TABLE jobcentres (
    id BIGSERIAL PRIMARY KEY,
    municipality_no TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX jobcentres_municipality_no ON jobcentres (municipality_no);

CREATE TABLE companies (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    cvr TEXT NOT NULL,
    name TEXT NOT NULL,
    branch TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon DOUBLE PRECISION NOT NULL DEFAULT 0,
    contacts TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ
);
-- One live company per CVR number: the register is shared by all jobcentres.
CREATE UNIQUE INDEX companies_cvr_live ON companies (cvr) WHERE archived_at IS NULL;
CREATE INDEX companies_branch ON companies (branch);
CREATE INDEX companies_jobcentre ON companies (jobcentre_id);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'employer', 'event_staff')),
    jobcentre_id BIGINT REFERENCES jobcentres (id),
    company_id BIGINT REFERENCES companies (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ
);
-- Emails are stored lower-cased by the application.
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE virksomhedscentre (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    company_id BIGINT NOT NULL REFERENCES companies (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    seats INTEGER NOT NULL CHECK (seats >= 1),
    target_groups TEXT NOT NULL DEFAULT '[]',
    mentors TEXT NOT NULL DEFAULT '[]',
    consultant_id BIGINT REFERENCES users (id),
    notes TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ
);
CREATE INDEX virksomhedscentre_company ON virksomhedscentre (company_id);
CREATE INDEX virksomhedscentre_jobcentre ON virksomhedscentre (jobcentre_id);

CREATE TABLE openings (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    company_id BIGINT NOT NULL REFERENCES companies (id),
    posted_by BIGINT REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('virksomhedspraktik', 'loentilskud', 'igu', 'fleksjob', 'ordinaere_timer')),
    title TEXT NOT NULL,
    tasks TEXT NOT NULL DEFAULT '',
    branch TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon DOUBLE PRECISION NOT NULL DEFAULT 0,
    hours_min DOUBLE PRECISION NOT NULL DEFAULT 0,
    hours_max DOUBLE PRECISION NOT NULL,
    seats INTEGER NOT NULL CHECK (seats >= 1),
    start_date DATE,
    duration_weeks INTEGER NOT NULL DEFAULT 0,
    danish_level TEXT NOT NULL DEFAULT 'ingen',
    drivers_licence BOOLEAN NOT NULL DEFAULT FALSE,
    physical_demands TEXT NOT NULL DEFAULT '',
    mentor_available BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'filled', 'closed')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ,
    CHECK (hours_min <= hours_max)
);
-- The consultants' everyday list: by branch and kind, newest first.
CREATE INDEX openings_branch_kind ON openings (branch, kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_kind ON openings (kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_company ON openings (company_id);
CREATE INDEX openings_jobcentre ON openings (jobcentre_id);

CREATE TABLE citizens (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    cpr_masked TEXT NOT NULL,
    cpr_hash TEXT NOT NULL,
    cpr_cipher TEXT NOT NULL,
    birth_date DATE,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL CHECK (target_group IN ('gruppe1', 'gruppe2', 'gruppe3', 'gruppe4', 'ledig_fleksjobvisiteret', 'flygtning')),
    group_entered_on DATE,
    arrival_date DATE,
    goal_branch TEXT NOT NULL DEFAULT '',
    goal_title TEXT NOT NULL DEFAULT '',
    danish_level TEXT NOT NULL DEFAULT 'ingen',
    drivers_licence BOOLEAN NOT NULL DEFAULT FALSE,
    lat DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon DOUBLE PRECISION NOT NULL DEFAULT 0,
    max_commute_km DOUBLE PRECISION NOT NULL DEFAULT 0,
    hours_capacity DOUBLE PRECISION NOT NULL DEFAULT 0,
    consent_share BOOLEAN NOT NULL DEFAULT FALSE,
    consultant_id BIGINT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by BIGINT,
    updated_by BIGINT,
    archived_at TIMESTAMPTZ
);
-- A person is an active citizen of one jobcentre at a time.
CREATE UNIQUE INDEX citizens_cpr_live ON citizens (cpr_hash) WHERE archived_at IS NULL;
CREATE INDEX citizens_jobcentre ON citizens (jobcentre_id, target_group);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_id BIGINT NOT NULL,
    jobcentre_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_ids TEXT NOT NULL DEFAULT '',
    route TEXT NOT NULL DEFAULT '',
    remote_ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
CREATE INDEX audit_log_entity_at ON audit_log (entity, at);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
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
