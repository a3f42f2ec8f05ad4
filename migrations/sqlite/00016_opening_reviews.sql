-- +goose Up
-- Openings get two statuses: til_godkendelse (an employer's opening under a
-- subsidised scheme awaits the jobcentre's review) and pauset (enough
-- referrals). SQLite cannot change a CHECK constraint, so the table is
-- rebuilt with the same columns, rows and indexes; foreign keys into it
-- (matches, placements) are checked at commit, when every row is back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE openings_copy AS SELECT * FROM openings;
DROP TABLE openings;
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
    status TEXT NOT NULL CHECK (status IN ('draft', 'til_godkendelse', 'open', 'pauset', 'filled', 'closed')),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by INTEGER,
    updated_by INTEGER,
    archived_at DATETIME,
    CHECK (hours_min <= hours_max)
);
CREATE INDEX openings_branch_kind ON openings (branch, kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_kind ON openings (kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_company ON openings (company_id);
CREATE INDEX openings_jobcentre ON openings (jobcentre_id);
INSERT INTO openings SELECT * FROM openings_copy;
DROP TABLE openings_copy;

-- The jobcentre's reviews of openings that employers post for a subsidised
-- scheme (virksomhedspraktik, løntilskud, IGU, fleksjob): such an opening
-- awaits review (status til_godkendelse) until a consultant approves it
-- (open) or sends it back with a comment (draft). Every review is kept:
-- the scheme's checklist as ticked (JSON object key → true/false), the
-- comment, who and when. An opening's reads show the latest.
CREATE TABLE opening_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    opening_id INTEGER NOT NULL REFERENCES openings (id) ON DELETE CASCADE,
    decision TEXT NOT NULL,
    checklist TEXT NOT NULL DEFAULT '{}',
    comment TEXT NOT NULL DEFAULT '',
    reviewed_by INTEGER NOT NULL REFERENCES users (id),
    reviewed_at DATETIME NOT NULL
);
CREATE INDEX opening_reviews_opening ON opening_reviews (opening_id, id);

-- +goose Down
DROP TABLE opening_reviews;
UPDATE openings SET status = 'draft' WHERE status IN ('til_godkendelse', 'pauset');
PRAGMA defer_foreign_keys = ON;
CREATE TABLE openings_copy AS SELECT * FROM openings;
DROP TABLE openings;
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
CREATE INDEX openings_branch_kind ON openings (branch, kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_kind ON openings (kind, id) WHERE archived_at IS NULL;
CREATE INDEX openings_company ON openings (company_id);
CREATE INDEX openings_jobcentre ON openings (jobcentre_id);
INSERT INTO openings SELECT * FROM openings_copy;
DROP TABLE openings_copy;
