-- What a person lets erikti mail them beyond what their account and safety need, and the secret of
-- their one-click unsubscribe links.
CREATE TABLE mail_prefs (
    user_id   INTEGER PRIMARY KEY REFERENCES users (id),
    signups   BOOLEAN NOT NULL DEFAULT TRUE,
    reminders BOOLEAN NOT NULL DEFAULT TRUE,
    token     TEXT    NOT NULL UNIQUE
);
INSERT INTO mail_prefs (user_id, token) SELECT id, lower(hex(randomblob(24))) FROM users;

-- The reminders a shift's volunteers were sent, one of each kind per signup, so that a reminder job
-- run twice (its worker died after sending) sends nothing twice.
CREATE TABLE reminders_sent (
    signup_id INTEGER NOT NULL REFERENCES signups (id),
    which     TEXT    NOT NULL,
    sent_at   BIGINT  NOT NULL,
    PRIMARY KEY (signup_id, which)
);
