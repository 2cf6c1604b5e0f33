-- Validators of the read cache (issue 7), kept by triggers so that every path that writes keeps
-- them, on every node. An event page's validator is three primary-key reads: its event's version
-- and its organization's (raised by a trigger at each UPDATE of the row itself, which costs no
-- other lock) and its shifts' counter in event_versions (raised at each shift added or changed:
-- a signup, a cancellation, a promotion, an edit). The programme's one counter,
-- programme_version, moves only when what the programme lists may change: an event or a shift
-- added or changed, an organization renamed, a shift filling up or opening a place again (the
-- "free places" filter) — not at every signup. The counters' triggers are deferred to the commit,
-- so their row locks are the last a transaction takes: a signup holding its shift's lock and an
-- event's edit holding the event's never wait for each other's counter.

ALTER TABLE events ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE event_versions (
    event_id BIGINT NOT NULL PRIMARY KEY REFERENCES events (id),
    n        BIGINT NOT NULL
);
INSERT INTO event_versions (event_id, n) SELECT id, 1 FROM events;

CREATE TABLE programme_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO programme_version (id, n) VALUES (1, 1);

CREATE FUNCTION read_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_version BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION read_version_bump();
CREATE TRIGGER organizations_version BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION read_version_bump();

CREATE FUNCTION event_versions_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_versions (event_id, n) VALUES (NEW.id, 1);
    RETURN NULL;
END
$$;
CREATE TRIGGER events_event_versions AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION event_versions_insert();

CREATE FUNCTION event_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_versions SET n = n + 1 WHERE event_id = NEW.event_id;
    IF TG_OP = 'UPDATE' AND OLD.event_id <> NEW.event_id THEN
        UPDATE event_versions SET n = n + 1 WHERE event_id = OLD.event_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER shifts_event_versions AFTER INSERT OR UPDATE ON shifts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION event_versions_bump();

CREATE FUNCTION programme_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER events_programme AFTER INSERT OR UPDATE ON events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION programme_version_bump();
CREATE CONSTRAINT TRIGGER shifts_programme_insert AFTER INSERT ON shifts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION programme_version_bump();
CREATE CONSTRAINT TRIGGER shifts_programme_update AFTER UPDATE ON shifts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.starts_at <> NEW.starts_at OR OLD.event_id <> NEW.event_id
          OR (OLD.confirmed_count < OLD.capacity) <> (NEW.confirmed_count < NEW.capacity))
    EXECUTE FUNCTION programme_version_bump();
CREATE CONSTRAINT TRIGGER organizations_programme AFTER UPDATE ON organizations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.name <> NEW.name)
    EXECUTE FUNCTION programme_version_bump();
