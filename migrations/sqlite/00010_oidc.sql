-- +goose Up
-- Login through a jobcentre's identity provider (OpenID Connect): one
-- configuration per jobcentre, its client secret sealed with the service
-- key (AES-256-GCM, never returned), and the external identities that tie a
-- user to a subject at an issuer, so that a later login finds the user by
-- subject and not by e-mail alone.
CREATE TABLE oidc_configs (
    jobcentre_id INTEGER PRIMARY KEY REFERENCES jobcentres (id),
    enabled BOOLEAN NOT NULL DEFAULT 0,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret_sealed TEXT NOT NULL DEFAULT '',
    email_claim TEXT NOT NULL DEFAULT 'email',
    group_claim TEXT NOT NULL DEFAULT 'groups',
    role_map TEXT NOT NULL DEFAULT '{}',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_by INTEGER
);

CREATE TABLE user_identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    jobcentre_id INTEGER REFERENCES jobcentres (id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_login_at DATETIME
);
CREATE UNIQUE INDEX user_identities_subject ON user_identities (issuer, subject);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- +goose Down
DROP TABLE user_identities;
DROP TABLE oidc_configs;
