-- Jobs: work done later by the worker, written in the same transaction as the change that causes
-- it (a registration and its verification email commit together or not at all). A running job
-- holds a lease; a node that dies mid-job leaves it to be claimed again when the lease runs out.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    user_id      INTEGER NOT NULL DEFAULT 0,
    state        TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'parked')),
    run_at       BIGINT  NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    locked_by    TEXT    NOT NULL DEFAULT '',
    locked_until BIGINT  NOT NULL DEFAULT 0,
    last_error   TEXT    NOT NULL DEFAULT '',
    -- why the last attempt failed, for the person it concerns: refused, unreachable, invalid
    failure      TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    done_at      BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE INDEX jobs_user ON jobs (user_id, id);

-- Links sent by email (verify an address, reset a password, a guardian's consent, an invitation):
-- single use, expiring; only the SHA-256 of the secret is kept.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT    NOT NULL,
    user_id    INTEGER NOT NULL DEFAULT 0,
    email      TEXT    NOT NULL,
    data       TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

ALTER TABLE users ADD COLUMN email_verified_at BIGINT NOT NULL DEFAULT 0;
