-- A guardian's consent to a young volunteer's volunteering (Law "On Volunteer Activity", art. 12)
-- is a row of consents (kind 'guardian': the version of the text, when, how, from where); this
-- side table holds who gave it, a person without an account: their address and the name they
-- typed. It goes with the volunteer's account.
CREATE TABLE guardian_consents (
    consent_id     BIGINT PRIMARY KEY REFERENCES consents (id),
    user_id        BIGINT NOT NULL REFERENCES users (id),
    guardian_email TEXT   NOT NULL,
    guardian_name  TEXT   NOT NULL
);
CREATE INDEX guardian_consents_user ON guardian_consents (user_id);
