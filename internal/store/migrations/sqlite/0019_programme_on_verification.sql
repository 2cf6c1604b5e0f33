-- The programme lists only the events of verified organizations (issue 14): a change of an
-- organization's status moves the programme's counter too, so that no cached list keeps showing
-- the events of an organization suspended, or misses those of one just verified.
DROP TRIGGER organizations_programme;
CREATE TRIGGER organizations_programme AFTER UPDATE ON organizations
    WHEN NEW.version = OLD.version AND (OLD.name <> NEW.name OR OLD.status <> NEW.status)
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
