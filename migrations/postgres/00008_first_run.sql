-- +goose Up
-- First run and the tenants' administration: a user created with a
-- generated one-time password must choose their own before anything else
-- (must_change_password); the time of a user's last login is kept for the
-- users page; and an archived jobcentre no longer holds on to its
-- municipality number, so a jobcentre created by mistake can be archived
-- and made again (one live jobcentre per municipality).
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMPTZ;
DROP INDEX jobcentres_municipality_no;
CREATE UNIQUE INDEX jobcentres_municipality_no_live ON jobcentres (municipality_no) WHERE archived_at IS NULL;

-- +goose Down
DROP INDEX jobcentres_municipality_no_live;
CREATE UNIQUE INDEX jobcentres_municipality_no ON jobcentres (municipality_no);
ALTER TABLE users DROP COLUMN last_login_at;
ALTER TABLE users DROP COLUMN must_change_password;
