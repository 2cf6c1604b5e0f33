-- Invitations: an organization's admin (or the Front Office) invites a person by email to be its
-- coordinator or admin. The link in the mail is an email token (purpose 'invitation') whose data
-- is the invitation's id; the invitation becomes a membership only when the account of the
-- address it was sent to accepts it. At most one invitation per address and organization waits
-- at a time: inviting again revokes the one before.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    org_id      INTEGER  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email       TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator')),
    invited_by  INTEGER  NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    accepted_at BIGINT  NOT NULL DEFAULT 0,
    accepted_by INTEGER  NOT NULL DEFAULT 0,
    revoked_at  BIGINT  NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX invitations_waiting ON invitations (org_id, email) WHERE accepted_at = 0 AND revoked_at = 0;
CREATE INDEX invitations_email ON invitations (email);
