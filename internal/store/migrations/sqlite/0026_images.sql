-- Images (issue 17): an organization's logo and an event's cover, kept in the database, not on a
-- disk, so that every erikti node on one PostgreSQL serves them without a shared filesystem and a
-- backup of the database holds them too. Their URLs are named by content and cached for ever, so a
-- file is read from here once per cache, rarely.
--
-- image_files holds the encoded files (what erikti made of an upload, never the upload itself),
-- one a width, named by the hash of the whole set; the same picture uploaded twice is stored once.
-- images is one use of a set: its alternative text in three languages (the same fallback as every
-- text), its format and the widest variant's size. Removing an image removes its files when no
-- other image uses them (store.deleteImage).
CREATE TABLE image_files (
    hash   TEXT    NOT NULL,
    width  INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    data   BLOB    NOT NULL,
    PRIMARY KEY (hash, width)
);
CREATE TABLE images (
    id         INTEGER PRIMARY KEY,
    hash       TEXT    NOT NULL,
    format     TEXT    NOT NULL CHECK (format IN ('jpeg', 'png')),
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    alt_kk     TEXT    NOT NULL DEFAULT '',
    alt_ru     TEXT    NOT NULL DEFAULT '',
    alt_en     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX images_hash ON images (hash);

ALTER TABLE organizations ADD COLUMN logo_id INTEGER REFERENCES images (id);
ALTER TABLE events ADD COLUMN cover_id INTEGER REFERENCES images (id);
