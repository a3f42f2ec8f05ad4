-- +goose Up
-- Invitations instead of passwords chosen by others: an administrator or a
-- consultant invites an e-mail address to a role (and a jobcentre or a
-- company); the invitee opens the one-time link and sets name and
-- password. Password resets by mail: a one-time link that lives an hour.
-- Both keep only the SHA-256 of the link's token, never the token.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'employer', 'event_staff')),
    jobcentre_id INTEGER REFERENCES jobcentres (id),
    company_id INTEGER REFERENCES companies (id),
    invited_by INTEGER REFERENCES users (id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at DATETIME NOT NULL,
    accepted_at DATETIME,
    user_id INTEGER REFERENCES users (id),
    revoked_at DATETIME
);
CREATE UNIQUE INDEX invitations_token_hash ON invitations (token_hash);
CREATE INDEX invitations_pending ON invitations (jobcentre_id, expires_at);

CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at DATETIME NOT NULL,
    used_at DATETIME
);
CREATE UNIQUE INDEX password_resets_token_hash ON password_resets (token_hash);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- +goose Down
DROP TABLE password_resets;
DROP TABLE invitations;
