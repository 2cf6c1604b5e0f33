-- TOTP two-factor authentication (RFC 6238). totp_secret is the base32 secret, pending until the
-- person confirms it with a code (totp_confirmed_at, 0 while pending); totp_last_step is the last
-- time step a code was accepted for, so that each code is accepted once.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_confirmed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Single-use recovery codes, only their SHA-256; used_at is when one was spent (0: still good).
CREATE TABLE recovery_codes (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    used_at    BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, code_hash)
);

-- Whether a browser session or an API token was confirmed with a second factor: only those open
-- what a role (organization member, Front Office) may do.
ALTER TABLE sessions ADD COLUMN second_factor BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE api_tokens ADD COLUMN second_factor BOOLEAN NOT NULL DEFAULT FALSE;
