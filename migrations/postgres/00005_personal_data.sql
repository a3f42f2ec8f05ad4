-- +goose Up
-- Personal data: a week's note split in two, the note the employer may see
-- (note) and the jobcentre's own (internal_note); notes written before the
-- split become internal, since nobody can tell now which were meant for
-- the employer. A CPR number is unique per jobcentre (probing another
-- jobcentre's register through a conflict is no longer possible). Erased
-- citizens keep an anonymous row for the counts. Retention periods per
-- jobcentre.

ALTER TABLE placement_hours ADD COLUMN internal_note TEXT NOT NULL DEFAULT '';
UPDATE placement_hours SET internal_note = note, note = '' WHERE note <> '';
ALTER TABLE placement_hour_revisions ADD COLUMN internal_note TEXT NOT NULL DEFAULT '';
UPDATE placement_hour_revisions SET internal_note = note, note = '' WHERE note <> '';

DROP INDEX citizens_cpr_live;
CREATE UNIQUE INDEX citizens_cpr_live ON citizens (jobcentre_id, cpr_hash) WHERE archived_at IS NULL;

ALTER TABLE citizens ADD COLUMN erased_at TIMESTAMPTZ;

-- An erasure is audited with its reason.
ALTER TABLE audit_log ADD COLUMN reason TEXT NOT NULL DEFAULT '';
-- Retention deletes old audit rows by time.
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE retention_settings (
    jobcentre_id BIGINT PRIMARY KEY REFERENCES jobcentres (id),
    archived_citizen_years INTEGER NOT NULL CHECK (archived_citizen_years >= 1),
    audit_years INTEGER NOT NULL CHECK (audit_years >= 1),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by BIGINT
);

-- +goose Down
DROP TABLE retention_settings;
DROP INDEX audit_log_at;
ALTER TABLE audit_log DROP COLUMN reason;
ALTER TABLE citizens DROP COLUMN erased_at;
DROP INDEX citizens_cpr_live;
CREATE UNIQUE INDEX citizens_cpr_live ON citizens (cpr_hash) WHERE archived_at IS NULL;
UPDATE placement_hour_revisions SET note = internal_note WHERE internal_note <> '' AND note = '';
ALTER TABLE placement_hour_revisions DROP COLUMN internal_note;
UPDATE placement_hours SET note = internal_note WHERE internal_note <> '' AND note = '';
ALTER TABLE placement_hours DROP COLUMN internal_note;
