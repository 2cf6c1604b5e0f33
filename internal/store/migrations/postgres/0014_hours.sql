-- Check-in: each confirmed signup's typed code (unique per shift) and the SHA-256 of its QR token,
-- issued when the volunteer first asks; when a coordinator checked the volunteer in and out (0: not yet).
CREATE TABLE checkins (
    signup_id      BIGINT NOT NULL PRIMARY KEY REFERENCES signups (id),
    shift_id       BIGINT NOT NULL REFERENCES shifts (id),
    code           TEXT    NOT NULL,
    token_hash     TEXT    NOT NULL UNIQUE,
    checked_in_at  BIGINT  NOT NULL DEFAULT 0,
    checked_in_by  BIGINT NOT NULL DEFAULT 0,
    checked_out_at BIGINT  NOT NULL DEFAULT 0,
    checked_out_by BIGINT NOT NULL DEFAULT 0,
    CHECK (checked_out_at = 0 OR checked_in_at > 0)
);
CREATE UNIQUE INDEX checkins_code ON checkins (shift_id, code);
