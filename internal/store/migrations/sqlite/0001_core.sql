-- erikti's core: people, organizations, the programme, shifts and signups.
-- Times are seconds since 1970 UTC; booleans 0/1.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    birth_date    TEXT    NOT NULL,
    locale        TEXT    NOT NULL DEFAULT 'kk',
    front_office  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE organizations (
    id            INTEGER PRIMARY KEY,
    name          TEXT   NOT NULL,
    description   TEXT   NOT NULL DEFAULT '',
    email         TEXT   NOT NULL DEFAULT '',
    phone         TEXT   NOT NULL DEFAULT '',
    website       TEXT   NOT NULL DEFAULT '',
    bin           TEXT   NOT NULL DEFAULT '',
    status        TEXT   NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'suspended')),
    status_reason TEXT   NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL
);

CREATE TABLE memberships (
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator')),
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE projects (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    name_kk        TEXT    NOT NULL DEFAULT '',
    name_ru        TEXT    NOT NULL DEFAULT '',
    name_en        TEXT    NOT NULL DEFAULT '',
    description_kk TEXT    NOT NULL DEFAULT '',
    description_ru TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    target         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES organizations (id),
    direction      TEXT    NOT NULL,
    project_id     INTEGER REFERENCES projects (id),
    title_kk       TEXT    NOT NULL DEFAULT '',
    title_ru       TEXT    NOT NULL DEFAULT '',
    title_en       TEXT    NOT NULL DEFAULT '',
    description_kk TEXT    NOT NULL DEFAULT '',
    description_ru TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    venue          TEXT    NOT NULL,
    district       TEXT    NOT NULL,
    starts_at      BIGINT  NOT NULL,
    ends_at        BIGINT  NOT NULL,
    accessibility  TEXT    NOT NULL DEFAULT '',
    min_age        INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    city_programme BOOLEAN NOT NULL DEFAULT FALSE,
    search_text    TEXT    NOT NULL DEFAULT '',
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX events_programme ON events (status, starts_at, id);
CREATE INDEX events_org ON events (org_id, starts_at);

CREATE TABLE shifts (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (id),
    role_kk          TEXT    NOT NULL DEFAULT '',
    role_ru          TEXT    NOT NULL DEFAULT '',
    role_en          TEXT    NOT NULL DEFAULT '',
    starts_at        BIGINT  NOT NULL,
    ends_at          BIGINT  NOT NULL,
    capacity         INTEGER NOT NULL CHECK (capacity > 0),
    confirmed_count  INTEGER NOT NULL DEFAULT 0,
    waitlisted_count INTEGER NOT NULL DEFAULT 0,
    waitlist_seq     BIGINT  NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    -- the rule that no peer keeps, held by the database itself as well as by the signup statement
    CHECK (confirmed_count >= 0 AND confirmed_count <= capacity),
    CHECK (waitlisted_count >= 0)
);
CREATE INDEX shifts_event ON shifts (event_id, starts_at);

CREATE TABLE signups (
    id           INTEGER PRIMARY KEY,
    shift_id     INTEGER NOT NULL REFERENCES shifts (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    status       TEXT    NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    waitlist_seq BIGINT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    cancelled_at BIGINT  NOT NULL DEFAULT 0,
    CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
);
-- one signup per volunteer per shift; a cancelled one stays as history
CREATE UNIQUE INDEX signups_one_per_shift ON signups (shift_id, user_id) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX signups_waitlist ON signups (shift_id, waitlist_seq) WHERE status = 'waitlisted';
CREATE INDEX signups_user ON signups (user_id, status);

CREATE TABLE idempotency_keys (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    result      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (user_id, key)
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        BIGINT  NOT NULL,
    actor_id  INTEGER REFERENCES users (id),
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id BIGINT  NOT NULL,
    detail    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
