-- Where and with what each session and API token was last used, for /me/security, and when a
-- token was last used (sessions have last_seen_at).
ALTER TABLE sessions ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN agent TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0;
