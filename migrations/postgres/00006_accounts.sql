-- +goose Up
-- Accounts that can be taken away: API tokens get a name (to tell them
-- apart in the list) and are looked up per user; a user's sessions and
-- tokens from before sessions_valid_after (a password change, a
-- deactivation) no longer count.
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
CREATE INDEX api_tokens_user ON api_tokens (user_id);
ALTER TABLE users ADD COLUMN sessions_valid_after TIMESTAMPTZ;

-- +goose Down
ALTER TABLE users DROP COLUMN sessions_valid_after;
DROP INDEX api_tokens_user;
ALTER TABLE api_tokens DROP COLUMN name;
