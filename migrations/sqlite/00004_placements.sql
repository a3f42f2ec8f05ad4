-- +goose Up
-- Placements and hour progression (issue 5): a placement's outcome, hours
-- plan, mentors and evaluation; its weekly hours, where every save is kept
-- as a revision and placement_hours holds the latest one per week; the
-- acknowledgements of computed alerts; and each jobcentre's thresholds.

ALTER TABLE placements ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
    CHECK (outcome IN ('', 'ordinaert_job', 'loentilskud', 'igu', 'fleksjob', 'uddannelse', 'andet'));
ALTER TABLE placements ADD COLUMN plan TEXT NOT NULL DEFAULT '[]';
ALTER TABLE placements ADD COLUMN target_hours REAL NOT NULL DEFAULT 0;
ALTER TABLE placements ADD COLUMN company_mentor TEXT;
ALTER TABLE placements ADD COLUMN jobcentre_mentor TEXT;
ALTER TABLE placements ADD COLUMN evaluation TEXT;
ALTER TABLE placements ADD COLUMN ended_on TEXT;
ALTER TABLE placements ADD COLUMN note TEXT NOT NULL DEFAULT '';
-- Lists and alerts read a jobcentre's placements; employers their company's.
CREATE INDEX placements_jobcentre_status ON placements (jobcentre_id, status);
CREATE INDEX placements_company ON placements (company_id);

CREATE TABLE placement_hours (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    iso_week TEXT NOT NULL,
    week_start TEXT NOT NULL,
    planned REAL CHECK (planned >= 0 AND planned <= 80),
    worked REAL NOT NULL CHECK (worked >= 0 AND worked <= 80),
    absent REAL NOT NULL DEFAULT 0 CHECK (absent >= 0 AND absent <= 80),
    absence_reason TEXT NOT NULL DEFAULT '' CHECK (absence_reason IN ('', 'sygdom', 'udeblivelse', 'andet')),
    ordinary REAL NOT NULL DEFAULT 0 CHECK (ordinary >= 0 AND ordinary <= worked),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    source TEXT NOT NULL CHECK (source IN ('konsulent', 'virksomhedsmentor', 'arbejdsgiver')),
    entered_by INTEGER NOT NULL,
    entered_at DATETIME NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX placement_hours_week ON placement_hours (placement_id, week_start);
-- A jobcentre's weeks in order (alerts, the monthly report) and a
-- citizen's series. (PostgreSQL's copy of this index also carries the
-- hours, with INCLUDE, which SQLite lacks.)
CREATE INDEX placement_hours_jobcentre_week ON placement_hours (jobcentre_id, week_start, citizen_id);
CREATE INDEX placement_hours_citizen_week ON placement_hours (citizen_id, week_start);

CREATE TABLE placement_hour_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    iso_week TEXT NOT NULL,
    week_start TEXT NOT NULL,
    planned REAL,
    worked REAL NOT NULL,
    absent REAL NOT NULL DEFAULT 0,
    absence_reason TEXT NOT NULL DEFAULT '',
    ordinary REAL NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    source TEXT NOT NULL,
    entered_by INTEGER NOT NULL,
    entered_at DATETIME NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
-- Two writers who both saw revision n cannot both add n+1.
CREATE UNIQUE INDEX placement_hour_revisions_week ON placement_hour_revisions (placement_id, week_start, revision);

CREATE TABLE alert_acks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    alert_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    note TEXT NOT NULL DEFAULT '',
    acked_by INTEGER NOT NULL,
    acked_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX alert_acks_key ON alert_acks (jobcentre_id, alert_key);

CREATE TABLE progression_settings (
    jobcentre_id INTEGER PRIMARY KEY REFERENCES jobcentres (id),
    params TEXT NOT NULL,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_by INTEGER
);

-- +goose Down
DROP TABLE progression_settings;
DROP TABLE alert_acks;
DROP TABLE placement_hour_revisions;
DROP TABLE placement_hours;
DROP INDEX placements_company;
DROP INDEX placements_jobcentre_status;
ALTER TABLE placements DROP COLUMN note;
ALTER TABLE placements DROP COLUMN ended_on;
ALTER TABLE placements DROP COLUMN evaluation;
ALTER TABLE placements DROP COLUMN jobcentre_mentor;
ALTER TABLE placements DROP COLUMN company_mentor;
ALTER TABLE placements DROP COLUMN target_hours;
ALTER TABLE placements DROP COLUMN plan;
ALTER TABLE placements DROP COLUMN outcome;
