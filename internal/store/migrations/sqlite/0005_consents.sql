-- Consent to the processing of personal data, recorded with the version of the policy agreed to,
-- when, how and from where; withdrawing keeps the record and dates its end.
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    kind         TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    given_at     BIGINT  NOT NULL,
    withdrawn_at BIGINT  NOT NULL DEFAULT 0,
    method       TEXT    NOT NULL,
    origin       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX consents_user ON consents (user_id, kind, id);
