-- +goose Up
-- The mail outbox: a mail is written here in the transaction that caused
-- it (an invitation, a password reset, a notification) and a worker sends
-- it over SMTP with retries, so a mail server outage loses nothing. Without
-- a mail server (the embedded default) the mails stay here and admins read
-- them on the mailbox page. sent_at is set once the relay took the mail.
CREATE TABLE mails (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL DEFAULT '',
    jobcentre_id INTEGER REFERENCES jobcentres (id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_error TEXT NOT NULL DEFAULT '',
    sent_at DATETIME,
    -- failed_at is set when retrying is pointless (the address is not one);
    -- transport says where a sent mail went: smtp, or embedded (kept here
    -- for the mailbox page). The SMTP worker empties the bodies once a mail
    -- is sent, as they may hold one-time links; the rest stays as a log.
    failed_at DATETIME,
    transport TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mails_due ON mails (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mails_created ON mails (created_at, id);

-- +goose Down
DROP TABLE mails;
