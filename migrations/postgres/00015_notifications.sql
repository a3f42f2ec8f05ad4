-- +goose Up
-- Notifications in the app: one row per recipient user, written in the
-- same transaction as the change it tells about (an opening awaits review,
-- was approved or sent back, an employer showed interest). The text is
-- Danish, with English beside it for employers who chose English; it
-- carries nothing the recipient may not see. A mail may go out too (the
-- mail outbox); the row is what the app shows.
CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    text_en TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);

-- +goose Down
DROP TABLE notifications;
