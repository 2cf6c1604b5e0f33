-- Mentoring (issue 18, "Dialogue of Generations"): an organization's programmes, run in rounds.
-- In a round's window people apply as mentors or mentees, one application a person a round; on
-- the matching date the coordinator runs the match (domain.MatchRound), pins and forbids pairs,
-- runs it again and publishes; each side then accepts or declines.
--
-- A programme may belong to a flagship project, whose card on the home page then shows its open
-- round. mentoring_rounds.run_token is the run of the match that holds the round (0: none), so that two
-- runs at once never interleave: the second is refused until the first has written its pairs.
-- mentoring_pairs holds one row a pair; a mentee holds at most one pair that is not declined. A
-- declined pair stays, and mentoring_declines keeps who declined whom, so that the match never
-- proposes that pair again, in any round.
CREATE TABLE mentoring_programmes (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES organizations (id),
    project_id     INTEGER REFERENCES projects (id),
    name_kk        TEXT    NOT NULL DEFAULT '',
    name_ru        TEXT    NOT NULL DEFAULT '',
    name_en        TEXT    NOT NULL DEFAULT '',
    description_kk TEXT    NOT NULL DEFAULT '',
    description_ru TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    question_kk    TEXT    NOT NULL DEFAULT '',
    question_ru    TEXT    NOT NULL DEFAULT '',
    question_en    TEXT    NOT NULL DEFAULT '',
    travel_km      INTEGER NOT NULL CHECK (travel_km >= 1 AND travel_km <= 50),
    prefer_silver  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     INTEGER NOT NULL
);
CREATE INDEX mentoring_programmes_org ON mentoring_programmes (org_id);

CREATE TABLE mentoring_rounds (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES mentoring_programmes (id),
    name_kk      TEXT    NOT NULL DEFAULT '',
    name_ru      TEXT    NOT NULL DEFAULT '',
    name_en      TEXT    NOT NULL DEFAULT '',
    opens_at     INTEGER NOT NULL,
    closes_at    INTEGER NOT NULL CHECK (closes_at > opens_at),
    match_on     INTEGER NOT NULL CHECK (match_on >= closes_at),
    weeks        INTEGER NOT NULL CHECK (weeks >= 1 AND weeks <= 52),
    themes       TEXT    NOT NULL,
    matched_at   INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER NOT NULL DEFAULT 0,
    run_token    INTEGER NOT NULL DEFAULT 0,
    run_since    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
);
CREATE INDEX mentoring_rounds_programme ON mentoring_rounds (programme_id, opens_at);

CREATE TABLE mentoring_applications (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES mentoring_rounds (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    role        TEXT    NOT NULL CHECK (role IN ('mentor', 'mentee')),
    languages   TEXT    NOT NULL,
    district    TEXT    NOT NULL,
    mode        TEXT    NOT NULL CHECK (mode IN ('online', 'in_person', 'both')),
    themes      TEXT    NOT NULL,
    slots       TEXT    NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity >= 1 AND capacity <= 5),
    answer      TEXT    NOT NULL DEFAULT '',
    verified_at INTEGER NOT NULL DEFAULT 0,
    verified_by INTEGER NOT NULL DEFAULT 0,
    unmatched   TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (round_id, user_id)
);
CREATE INDEX mentoring_applications_user ON mentoring_applications (user_id);

-- a coordinator's rule on a pair of a round: pin (always this pair) or forbid (never)
CREATE TABLE mentoring_pair_rules (
    round_id   INTEGER NOT NULL REFERENCES mentoring_rounds (id),
    mentor_app INTEGER NOT NULL REFERENCES mentoring_applications (id),
    mentee_app INTEGER NOT NULL REFERENCES mentoring_applications (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('pin', 'forbid')),
    actor_id   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (round_id, mentor_app, mentee_app)
);

CREATE TABLE mentoring_pairs (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES mentoring_rounds (id),
    mentor_app    INTEGER NOT NULL REFERENCES mentoring_applications (id),
    mentee_app    INTEGER NOT NULL REFERENCES mentoring_applications (id),
    fit           INTEGER NOT NULL CHECK (fit >= 0),
    pinned        BOOLEAN NOT NULL DEFAULT FALSE,
    status        TEXT    NOT NULL CHECK (status IN ('proposed', 'published', 'accepted', 'declined')),
    mentor_answer TEXT    NOT NULL DEFAULT '' CHECK (mentor_answer IN ('', 'accepted', 'declined')),
    mentee_answer TEXT    NOT NULL DEFAULT '' CHECK (mentee_answer IN ('', 'accepted', 'declined')),
    created_at    INTEGER NOT NULL,
    published_at  INTEGER NOT NULL DEFAULT 0,
    answered_at   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX mentoring_pairs_mentee ON mentoring_pairs (mentee_app) WHERE status <> 'declined';
CREATE INDEX mentoring_pairs_round ON mentoring_pairs (round_id, status);
CREATE INDEX mentoring_pairs_mentor ON mentoring_pairs (mentor_app);

CREATE TABLE mentoring_declines (
    mentor_user INTEGER NOT NULL REFERENCES users (id),
    mentee_user INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (mentor_user, mentee_user)
);
