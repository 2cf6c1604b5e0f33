-- Validators of the read cache (issue 7), kept by triggers so that every path that writes keeps
-- them. An event page's validator is three primary-key reads: its event's version and its
-- organization's (raised at each UPDATE of the row) and its shifts' counter in event_versions
-- (raised at each shift added or changed: a signup, a cancellation, a promotion, an edit). The
-- programme's one counter, programme_version, moves only when what the programme lists may
-- change: an event or a shift added or changed, an organization renamed, a shift filling up or
-- opening a place again (the "free places" filter) — not at every signup. (Recursive triggers are
-- off: a version trigger's own UPDATE does not fire it again, and its WHEN keeps the others still.)

ALTER TABLE events ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE event_versions (
    event_id INTEGER NOT NULL PRIMARY KEY REFERENCES events (id),
    n        BIGINT  NOT NULL
);
INSERT INTO event_versions (event_id, n) SELECT id, 1 FROM events;

CREATE TABLE programme_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO programme_version (id, n) VALUES (1, 1);

CREATE TRIGGER events_version AFTER UPDATE ON events WHEN NEW.version = OLD.version
BEGIN
    UPDATE events SET version = OLD.version + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER organizations_version AFTER UPDATE ON organizations WHEN NEW.version = OLD.version
BEGIN
    UPDATE organizations SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER events_event_versions AFTER INSERT ON events
BEGIN
    INSERT INTO event_versions (event_id, n) VALUES (NEW.id, 1);
END;
CREATE TRIGGER shifts_event_versions_insert AFTER INSERT ON shifts
BEGIN
    UPDATE event_versions SET n = n + 1 WHERE event_id = NEW.event_id;
END;
CREATE TRIGGER shifts_event_versions_update AFTER UPDATE ON shifts
BEGIN
    UPDATE event_versions SET n = n + 1 WHERE event_id IN (NEW.event_id, OLD.event_id);
END;

CREATE TRIGGER events_programme_insert AFTER INSERT ON events
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER events_programme_update AFTER UPDATE ON events WHEN NEW.version = OLD.version
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER shifts_programme_insert AFTER INSERT ON shifts
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER shifts_programme_update AFTER UPDATE ON shifts
    WHEN OLD.starts_at <> NEW.starts_at OR OLD.event_id <> NEW.event_id
        OR (OLD.confirmed_count < OLD.capacity) <> (NEW.confirmed_count < NEW.capacity)
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER organizations_programme AFTER UPDATE ON organizations
    WHEN NEW.version = OLD.version AND OLD.name <> NEW.name
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
