-- Every text in three languages (issue 16). An event's venue was one string, often a mixed
-- "Орталық саябақ / Центральный парк"; an organization's name and description were in one
-- language. Each becomes three columns, kk/ru/en, like an event's title: a venue's name and
-- address (kept on the event, not in a venues table: every form and import gives the place with
-- the event, and no page lists places), and its coordinates, 0 and 0 when unknown (that point is in
-- the Gulf of Guinea, never a venue in Almaty). The old single value goes into every language,
-- so that no reader sees an empty name; the organization's admin and the coordinators correct
-- each language later. The old columns go; the programme's counter trigger reads the new names.

ALTER TABLE events ADD COLUMN venue_kk   TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN venue_ru   TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN venue_en   TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN address_kk TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN address_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN address_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN lat DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN lon DOUBLE PRECISION NOT NULL DEFAULT 0;
UPDATE events SET venue_kk = venue, venue_ru = venue, venue_en = venue;
ALTER TABLE events DROP COLUMN venue;

DROP TRIGGER organizations_programme;
ALTER TABLE organizations ADD COLUMN name_kk        TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN name_ru        TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN name_en        TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN description_kk TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN description_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
UPDATE organizations SET name_kk = name, name_ru = name, name_en = name,
    description_kk = description, description_ru = description, description_en = description;
ALTER TABLE organizations DROP COLUMN name;
ALTER TABLE organizations DROP COLUMN description;
CREATE TRIGGER organizations_programme AFTER UPDATE ON organizations
    WHEN NEW.version = OLD.version AND (OLD.name_kk <> NEW.name_kk OR OLD.name_ru <> NEW.name_ru
        OR OLD.name_en <> NEW.name_en OR OLD.status <> NEW.status)
BEGIN
    UPDATE programme_version SET n = n + 1 WHERE id = 1;
END;
