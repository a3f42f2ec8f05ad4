-- +goose Up
-- The search outbox: every write to an indexed row adds an entry here in
-- the same transaction, and a worker applies the entries to the search
-- index and deletes them. A write therefore reaches the index even when the
-- search server is down at the moment of writing.
CREATE TABLE search_outbox (
    id BIGSERIAL PRIMARY KEY,
    index_name TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX search_outbox_due ON search_outbox (next_attempt_at, id);
CREATE INDEX search_outbox_doc ON search_outbox (index_name, doc_id);

-- +goose Down
DROP TABLE search_outbox;
