-- Mentoring after the match (issue 18): an accepted pair logs its meetings (when, how long, the
-- topic, online or in person, and for a minor mentee in a public place), and at the end of the
-- round each side gives its feedback once (a rating of 1 to 5 and a comment). A programme's
-- figures by round are counted from these and from mentoring_pairs.
CREATE TABLE mentoring_meetings (
    id           INTEGER PRIMARY KEY,
    pair_id      INTEGER NOT NULL REFERENCES mentoring_pairs (id),
    held_at      INTEGER NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes >= 15 AND minutes <= 480),
    topic        TEXT    NOT NULL,
    online       BOOLEAN NOT NULL,
    public_place BOOLEAN NOT NULL DEFAULT FALSE,
    logged_by    INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX mentoring_meetings_pair ON mentoring_meetings (pair_id, held_at);

CREATE TABLE mentoring_feedback (
    pair_id    INTEGER NOT NULL REFERENCES mentoring_pairs (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    rating     INTEGER NOT NULL CHECK (rating >= 1 AND rating <= 5),
    comment    TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (pair_id, user_id)
);
