package store

import "time"

// At returns a view of s, on the same database and connections, whose clock is now: for a loader
// that writes a past (the demo programme's signups, check-ins and hours of events already held)
// through the same methods and rules as the present, each step at the time it would have happened.
// The view must not be closed, and is meant for one loader at a time, while nothing else writes:
// writes that the group committer takes together read the clock of the first of them.
func (s *Store) At(now func() time.Time) *Store {
	v := *s
	v.now = now
	return &v
}
