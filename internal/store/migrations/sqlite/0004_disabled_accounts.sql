-- An account can be disabled (by the Front Office or the CLI): it signs in no more, and its
-- sessions and API tokens are ended on the server.
ALTER TABLE users ADD COLUMN disabled_at BIGINT NOT NULL DEFAULT 0;
