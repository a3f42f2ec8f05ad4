-- +goose Up
-- Per-jobcentre settings pages: the contact quota (how many candidates a
-- company may show interest in per calendar month; a jobcentre without a
-- row uses the default), and the history of every change to a
-- jobcentre's settings, one row per changed field, with the old and new
-- value as JSON text, who changed it and when.
CREATE TABLE contact_quota_settings (
    jobcentre_id BIGINT PRIMARY KEY REFERENCES jobcentres (id),
    interests_per_company_month INTEGER NOT NULL CHECK (interests_per_company_month >= 1),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by BIGINT
);
CREATE TABLE settings_history (
    id BIGSERIAL PRIMARY KEY,
    jobcentre_id BIGINT NOT NULL REFERENCES jobcentres (id),
    section TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    changed_by BIGINT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX settings_history_jobcentre ON settings_history (jobcentre_id, changed_at DESC, id DESC);

-- +goose Down
DROP TABLE settings_history;
DROP TABLE contact_quota_settings;
