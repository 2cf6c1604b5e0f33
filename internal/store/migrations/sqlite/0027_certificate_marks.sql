-- The certificate's seal and signature (issue 17): which image is the Front Office's seal and which
-- the signature of the person who signs its certificates. The images are rows of images (0026),
-- re-encoded PNG with transparency. Both rows exist from the start, with no image, so that setting
-- one locks its row (store.SetCertificateMark) and two Front Office members setting a seal at once
-- cannot leave an image behind; setting a mark again removes the old image with its files. A row
-- without an image is drawn as nothing: a blank line to sign on, and no seal.
CREATE TABLE certificate_marks (
    kind     TEXT     NOT NULL PRIMARY KEY CHECK (kind IN ('seal', 'signature')),
    image_id INTEGER REFERENCES images (id),
    set_at   INTEGER
);
INSERT INTO certificate_marks (kind) VALUES ('seal'), ('signature');
