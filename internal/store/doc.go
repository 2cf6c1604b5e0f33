// Package store keeps erikti's data in SQLite or PostgreSQL: one store, raw SQL, a dialect branch
// only where the two differ.
//
// # A shift is never overbooked
//
// The promise is kept in layers, each for a reason of its own.
//
// The rule, written once in seats.go: takeSeat decides the place of a new signup (confirmed while
// capacity > confirmed_count, else the end of the waitlist); leaveSeat and resizeSeats decide how
// many of the waitlist move up when a cancellation or a higher capacity frees seats (promotable:
// one for each free seat, while anyone waits), and resizeSeats refuses a capacity below the
// confirmed count. Every path that moves a seat calls them, so that no two can disagree:
//   - SignUp, one signup in a transaction of its own (signupWrite.alone, signups.go);
//   - the signups of the SQLite group committer's line taken together (signupRun.take,
//     signupbatch.go), which count their seats in memory;
//   - CancelSignup (cancelInTx, signups.go), which promotes into the seat a confirmed place frees;
//   - UpdateShift (events.go), a capacity change.
//
// The lock: each decision reads the shift's counters where nothing else can move them. On
// PostgreSQL the shift's row is locked (SELECT … FOR UPDATE: alone locks it once the signup's
// rules have passed and reads the shift again; cancelInTx and UpdateShift read it locked); on
// SQLite every write runs on the group committer's one connection in BEGIN IMMEDIATE
// (groupcommit.go), so the counters read inside a write are the current ones.
//
// The statement: writeSeats is the one UPDATE of shifts that writes a decision's counters
// (confirmed_count, waitlisted_count, and waitlist_seq for those who joined the line), and only if
// the row still holds the capacity and counters the decision read: a decision made on counters
// that moved — a locking mistake — fails instead of booking. SignUp runs it once a signup; the
// batch once a shift a run; settleSeats runs it after promoting (UPDATE signups … ORDER BY
// waitlist_seq LIMIT n, then mails the promoted) for a cancellation or a capacity change.
// Outside the rule the counters are written only by cancelEventSignups (events.go), which empties
// the shifts of a cancelled event with every signup (no one is left to promote), and by
// ScaleFinish (scale.go), which sets them from the rows of a loaded data set.
//
// The database itself, in migration 0001 of both dialects (migrations/sqlite/0001_core.sql and
// migrations/postgres/0001_core.sql), as the last line of defence against any writer, including
// those that go around the rule (a big data set's loader, an operator's SQL, a bug): on shifts,
// CHECK (confirmed_count >= 0 AND confirmed_count <= capacity), CHECK (waitlisted_count >= 0) and
// CHECK (capacity > 0); on signups, CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL)),
// the unique index signups_one_per_shift (one signup not cancelled per volunteer and shift) and
// the unique index signups_waitlist (one place in line per waitlist_seq).
//
// After the fact: ScaleViolations (scale.go) counts, over the whole database, overbooked shifts,
// counters that disagree with the rows, a waitlist out of order and an idle waitlist beside a free
// seat; internal/loadtest checks the same of a flash crowd over HTTP. Queries that only read
// whether a seat is free (the programme's FreePlaces filter, the read cache's versions and the
// programme_version trigger of migration 0017) compare confirmed_count < capacity, and decide
// nothing.
package store
