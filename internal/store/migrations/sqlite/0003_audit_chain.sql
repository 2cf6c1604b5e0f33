-- The audit log becomes append-only and hash-chained: each row carries the hash of the one before
-- it and its own, so that an edited or removed row breaks the chain. audit_head holds the last hash,
-- and its row lock orders writers on PostgreSQL. Rows written before this migration are chained
-- by the store right after it (their hash is '' until then, the only time a row may change).

ALTER TABLE audit_log ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    hash    TEXT    NOT NULL,
    last_id BIGINT  NOT NULL
);
INSERT INTO audit_head (id, hash, last_id) VALUES (1, '', 0);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN OLD.hash <> ''
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
