-- Certificates: a volunteer's approved hours, frozen when issued (name, language, total minutes,
-- the period's first and last day as YYYY-MM-DD in Almaty, the organizations' names and the
-- events' titles as JSON), so that the PDF and the public verification page always show the same
-- facts. code is random (60 bits, Crockford base32), stored normalized: ERK-XXXX-XXXX-XXXX.
-- revoked_at is 0 while the certificate is valid; the Front Office revokes with a reason.
CREATE TABLE certificates (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    name          TEXT    NOT NULL,
    lang          TEXT    NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    total_minutes INTEGER NOT NULL CHECK (total_minutes > 0),
    first_day     TEXT    NOT NULL,
    last_day      TEXT    NOT NULL,
    organizations TEXT    NOT NULL,
    events        TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    revoked_at    BIGINT  NOT NULL DEFAULT 0,
    revoked_by    INTEGER NOT NULL DEFAULT 0,
    revoke_reason TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX certificates_user ON certificates (user_id, id);
