-- Events marked as heavy or hazardous work, which under-18s may not sign up for (Law "On Volunteer
-- Activity", art. 12), as for the emergencies direction.
ALTER TABLE events ADD COLUMN heavy BOOLEAN NOT NULL DEFAULT FALSE;
