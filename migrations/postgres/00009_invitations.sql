-- +goose Up
-- Invitations instead of passwords chosen by others: an administrator or a
-- consultant invites an e-mail address to a role (and a jobcentre or a
-- company); the invitee opens the one-time link and sets name and
-- password. Password resets by mail: a one-time link that lives an hour.
-- Both keep only the SHA-256 of the link's token, never the token.
CREATE TABLE invitations (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'employer', 'event_staff')),
    jobcentre_id BIGINT REFERENCES jobcentres (id),
    company_id BIGINT REFERENCES companies (id),
    invited_by BIGINT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    user_id BIGINT REFERENCES users (id),
    revoked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX invitations_token_hash ON invitations (token_hash);
CREATE INDEX invitations_pending ON invitations (jobcentre_id, expires_at);

CREATE TABLE password_resets (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX password_resets_token_hash ON password_resets (token_hash);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- +goose Down
DROP TABLE password_resets;
DROP TABLE invitations;
