-- The programme lists only the events of verified organizations (issue 14): a change of an
-- organization's status moves the programme's counter too, so that no cached list keeps showing
-- the events of an organization suspended, or misses those of one just verified.
DROP TRIGGER organizations_programme ON organizations;
CREATE CONSTRAINT TRIGGER organizations_programme AFTER UPDATE ON organizations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.name <> NEW.name OR OLD.status <> NEW.status)
    EXECUTE FUNCTION programme_version_bump();
