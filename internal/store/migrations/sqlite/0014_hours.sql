-- Check-in: each confirmed signup's typed code (unique per shift) and the SHA-256 of its QR token,
-- issued when the volunteer first asks; when a coordinator checked the volunteer in and out (0: not yet).
CREATE TABLE checkins (
    signup_id      INTEGER NOT NULL PRIMARY KEY REFERENCES signups (id),
    shift_id       INTEGER NOT NULL REFERENCES shifts (id),
    code           TEXT    NOT NULL,
    token_hash     TEXT    NOT NULL UNIQUE,
    checked_in_at  BIGINT  NOT NULL DEFAULT 0,
    checked_in_by  INTEGER NOT NULL DEFAULT 0,
    checked_out_at BIGINT  NOT NULL DEFAULT 0,
    checked_out_by INTEGER NOT NULL DEFAULT 0,
    CHECK (checked_out_at = 0 OR checked_in_at > 0)
);
CREATE UNIQUE INDEX checkins_code ON checkins (shift_id, code);

-- The hours ledger, append-only: a claim of minutes for a confirmed signup (kind 'checkin', from
-- its check-in and check-out, or 'entered' by a coordinator, which refers_to the claim it
-- corrects), and a coordinator's decision on a claim ('approved', or 'rejected' with a reason),
-- which refers_to it. Each volunteer's entries form a hash chain (prev_hash, hash); ledger_heads
-- holds each chain's last hash, so removed last entries show too.
CREATE TABLE hours_ledger (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT  NOT NULL,
    signup_id  BIGINT  NOT NULL,
    shift_id   BIGINT  NOT NULL,
    org_id     BIGINT  NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('checkin', 'entered', 'approved', 'rejected')),
    minutes    INTEGER NOT NULL CHECK (minutes >= 0),
    refers_to  BIGINT  NOT NULL DEFAULT 0,
    reason     TEXT    NOT NULL DEFAULT '',
    actor_id   BIGINT  NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL
);
CREATE INDEX hours_ledger_user ON hours_ledger (user_id, id);
CREATE INDEX hours_ledger_shift ON hours_ledger (shift_id, id);
CREATE INDEX hours_ledger_refers ON hours_ledger (refers_to);

CREATE TABLE ledger_heads (
    user_id BIGINT NOT NULL PRIMARY KEY,
    hash    TEXT   NOT NULL,
    last_id BIGINT NOT NULL
);

CREATE TRIGGER hours_ledger_no_update BEFORE UPDATE ON hours_ledger
BEGIN
    SELECT RAISE(ABORT, 'hours_ledger is append-only');
END;
CREATE TRIGGER hours_ledger_no_delete BEFORE DELETE ON hours_ledger
BEGIN
    SELECT RAISE(ABORT, 'hours_ledger is append-only');
END;
