-- +goose Up
-- Consent per opening kind: a citizen is shown to employers (anonymously,
-- see app.EmployerCandidates) only for the kinds of scheme they consented
-- to, each with when it was given and who recorded it. A withdrawn consent
-- is deleted (the citizen's audit trail records the change and who made
-- it); consent_share on the citizen stays as the general consent, which
-- alone no longer puts anyone in front of an employer.
CREATE TABLE citizen_consents (
    citizen_id BIGINT NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    given_at TIMESTAMPTZ NOT NULL,
    recorded_by BIGINT NOT NULL,
    PRIMARY KEY (citizen_id, kind)
);
CREATE INDEX citizen_consents_kind ON citizen_consents (kind, citizen_id);

-- +goose Down
DROP TABLE citizen_consents;
