-- A person's calendar address shown to them on every visit, not only once: the secret is kept as
-- it is beside its hash (the feed is still found by the hash). A calendar address is a read-only
-- bearer secret for one person's shifts; docs/security.md ("Calendar addresses") says why keeping it readable is
-- acceptable. The feeds made before keep an empty secret: they still work, and their owner is
-- asked to renew to see the address again.
ALTER TABLE calendar_feeds ADD COLUMN token TEXT NOT NULL DEFAULT '';
