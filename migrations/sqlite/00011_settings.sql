-- +goose Up
-- Per-jobcentre settings pages: the contact quota (how many candidates a
-- company may show interest in per calendar month; a jobcentre without a
-- row uses the default), and the history of every change to a
-- jobcentre's settings, one row per changed field, with the old and new
-- value as JSON text, who changed it and when.
CREATE TABLE contact_quota_settings (
    jobcentre_id INTEGER PRIMARY KEY REFERENCES jobcentres (id),
    interests_per_company_month INTEGER NOT NULL CHECK (interests_per_company_month >= 1),
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_by INTEGER
);
CREATE TABLE settings_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    jobcentre_id INTEGER NOT NULL REFERENCES jobcentres (id),
    section TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    changed_by INTEGER NOT NULL,
    changed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX settings_history_jobcentre ON settings_history (jobcentre_id, changed_at DESC, id DESC);

-- +goose Down
DROP TABLE settings_history;
DROP TABLE contact_quota_settings;
