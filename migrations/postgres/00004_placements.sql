-- +goose Up
-- Placements and hour progression (issue 5): a placement's outcome, hours
-- plan, mentors and evaluation; its weekly hours, where every save is kept
-- as a revision and placement_hours holds the latest one per week; the
-- acknowledgements of computed alerts; and each jobcentre's thresholds.

ALTER TABLE placements ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
    CHECK (outcome IN ('', 'ordinaert_job', 'loentilskud', 'igu', 'fleksjob', 'uddannelse', 'andet'));
ALTER TABLE placements ADD COLUMN plan TEXT NOT NULL DEFAULT '[]';
ALTER TABLE placements ADD COLUMN target_hours DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE placements ADD COLUMN company_mentor TEXT;
ALTER TABLE placements ADD COLUMN jobcentre_mentor TEXT;
ALTER TABLE placements ADD COLUMN evaluation TEXT;
ALTER TABLE placements ADD COLUMN ended_on DATE;
ALTER TABLE placements ADD COLUMN note TEXT NOT NULL DEFAULT '';
-- Lists and alerts read a jobcentre's placements; employers their company's.
CREATE INDEX placements_jobcentre_status ON placements (jobcentre_id, status);
CREATE INDEX placements_company ON placements (company_id);

CREATE TABLE placement_hours (
    id BIGSERIAL PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements (id),
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    citizen_id BIGINT NOT NULL REFERENCES citizens (id),
    iso_week TEXT NOT NULL,
    week_start DATE NOT NULL,
    planned DOUBLE PRECISION CHECK (planned >= 0 AND planned <= 80),
    worked DOUBLE PRECISION NOT NULL CHECK (worked >= 0 AND worked <= 80),
    absent DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (absent >= 0 AND absent <= 80),
    absence_reason TEXT NOT NULL DEFAULT '' CHECK (absence_reason IN ('', 'sygdom', 'udeblivelse', 'andet')),
    ordinary DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (ordinary >= 0 AND ordinary <= worked),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    source TEXT NOT NULL CHECK (source IN ('konsulent', 'virksomhedsmentor', 'arbejdsgiver')),
    entered_by BIGINT NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX placement_hours_week ON placement_hours (placement_id, week_start);
-- A jobcentre's weeks in order (alerts, the monthly report) and a
-- citizen's series. The report sums hours per week and citizen straight
-- from the first index: in its order, and with the figures it sums
-- included, so PostgreSQL need not visit the table.
CREATE INDEX placement_hours_jobcentre_week ON placement_hours (jobcentre_id, week_start, citizen_id) INCLUDE (worked, ordinary);
CREATE INDEX placement_hours_citizen_week ON placement_hours (citizen_id, week_start);
-- A week has about one row per citizen. Without this statistic the planner
-- takes the (week, citizen) groups for far fewer than the rows, hashes
-- them in memory that then spills, instead of streaming them in index
-- order: the monthly report over a year takes twice as long.
CREATE STATISTICS placement_hours_week_citizen (ndistinct) ON week_start, citizen_id FROM placement_hours;

CREATE TABLE placement_hour_revisions (
    id BIGSERIAL PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements (id),
    iso_week TEXT NOT NULL,
    week_start DATE NOT NULL,
    planned DOUBLE PRECISION,
    worked DOUBLE PRECISION NOT NULL,
    absent DOUBLE PRECISION NOT NULL DEFAULT 0,
    absence_reason TEXT NOT NULL DEFAULT '',
    ordinary DOUBLE PRECISION NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    source TEXT NOT NULL,
    entered_by BIGINT NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
-- Two writers who both saw revision n cannot both add n+1.
CREATE UNIQUE INDEX placement_hour_revisions_week ON placement_hour_revisions (placement_id, week_start, revision);

CREATE TABLE alert_acks (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    alert_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    citizen_id BIGINT NOT NULL REFERENCES citizens (id),
    note TEXT NOT NULL DEFAULT '',
    acked_by BIGINT NOT NULL,
    acked_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX alert_acks_key ON alert_acks (jobcentre_id, alert_key);

CREATE TABLE progression_settings (
    jobcentre_id BIGINT PRIMARY KEY REFERENCES jobcentres (id),
    params TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by BIGINT
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
