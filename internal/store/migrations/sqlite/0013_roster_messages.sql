-- What coordinators wrote to a shift's volunteers: who, when, to how many; a shift is sent at most a
-- few a day.
CREATE TABLE roster_messages (
    id INTEGER PRIMARY KEY,
    shift_id   INTEGER NOT NULL REFERENCES shifts (id),
    actor_id   INTEGER NOT NULL,
    subject    TEXT    NOT NULL,
    recipients INTEGER NOT NULL,
    sent_at    BIGINT  NOT NULL
);
CREATE INDEX roster_messages_shift ON roster_messages (shift_id, sent_at);
