-- The programme lists published and cancelled events in order of start, a page at a time. With
-- events_programme (status, starts_at, id) the two statuses are two ranges, so the engine sorted
-- every listed event for each page: at a city's 5,000 events that sort was most of the page's
-- time. In start order the first page is the first rows of this index.
CREATE INDEX events_by_start ON events (starts_at, id);
