package store

import (
	"context"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// The two homes of the people who run things: the organizers' board (their organizations' events
// with each shift's places, waitlist and hours waiting for approval) and the Front Office's figures
// of the day. Each reads a fixed number of grouped queries, however many organizations and events.

// BoardShift is a shift on the organizers' board, with the claims for hours on it that wait for a
// decision.
type BoardShift struct {
	domain.Shift
	PendingClaims  int
	PendingMinutes int
}

// BoardEvent is an event on the organizers' board with its shifts and their sums.
type BoardEvent struct {
	Event                           domain.Event // its Tally holds Came: people checked in
	Shifts                          []BoardShift
	Capacity, Confirmed, Waitlisted int // over its shifts
	PendingClaims, PendingMinutes   int // over its shifts
}

// OrgBoard is one organization's part of the organizers' board.
type OrgBoard struct {
	Coming                        []BoardEvent // not ended, drafts included, soonest first
	Past                          []BoardEvent // ended and published, the latest first
	PendingClaims, PendingMinutes int          // over the events on the board
}

// OrganizerBoards reads the board of every organization userID is a member of, by organization id:
// at most coming events not yet ended (drafts and published) and past ended published ones of
// each. Cancelled events are left out. Three queries for the whole board:
//  1. the events, ranked within each organization and half by a window (soonest coming first,
//     latest past first), cut at the limits;
//  2. their shifts, each with its pending claims (a checkin or entered entry nothing refers to);
//  3. how many people came to each (eventsCame).
func (s *Store) OrganizerBoards(ctx context.Context, userID int64, coming, past int) (map[int64]*OrgBoard, error) {
	r := s.read(ctx)
	now := s.now().Unix()
	rows, err := r.Query(`SELECT `+eventColumns+eventFrom+` JOIN (
		SELECT id, ROW_NUMBER() OVER (PARTITION BY org_id, CASE WHEN ends_at > ? THEN 1 ELSE 0 END
			ORDER BY CASE WHEN ends_at > ? THEN starts_at ELSE -starts_at END, id) AS place,
			CASE WHEN ends_at > ? THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END AS most
		FROM events WHERE org_id IN (SELECT org_id FROM memberships WHERE user_id = ?)
			AND (status = 'published' OR (status = 'draft' AND ends_at > ?))) ranked ON ranked.id = e.id
		WHERE ranked.place <= ranked.most ORDER BY e.org_id, e.starts_at, e.id`,
		now, now, now, coming, past, userID, now)
	if err != nil {
		return nil, fmt.Errorf("store: organizer boards: %w", err)
	}
	defer rows.Close()
	var events []domain.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: organizer boards: %w", err)
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organizer boards: %w", err)
	}
	rows.Close()
	out := map[int64]*OrgBoard{}
	if len(events) == 0 {
		return out, nil
	}
	ids := make([]any, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	shifts, err := boardShifts(r, ids)
	if err != nil {
		return nil, err
	}
	came, err := eventsCame(r, ids)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		b := out[e.OrgID]
		if b == nil {
			b = &OrgBoard{}
			out[e.OrgID] = b
		}
		e.Tally = &domain.EventTally{Came: came[e.ID]}
		be := BoardEvent{Event: e, Shifts: shifts[e.ID]}
		for _, sh := range be.Shifts {
			be.Capacity += sh.Capacity
			be.Confirmed += sh.Confirmed
			be.Waitlisted += sh.Waitlisted
			be.PendingClaims += sh.PendingClaims
			be.PendingMinutes += sh.PendingMinutes
		}
		b.PendingClaims += be.PendingClaims
		b.PendingMinutes += be.PendingMinutes
		if e.EndsAt.Unix() > now {
			b.Coming = append(b.Coming, be)
		} else {
			b.Past = append([]BoardEvent{be}, b.Past...) // read oldest first: the latest ends first
		}
	}
	return out, nil
}

// boardShifts reads the shifts of the events ids, by event, in order of start, with their pending
// claims.
func boardShifts(q queryer, ids []any) (map[int64][]BoardShift, error) {
	in := placeholders(len(ids))
	rows, err := q.Query(`SELECT `+prefixed("s.", shiftColumns)+`, COALESCE(p.n, 0), COALESCE(p.minutes, 0)
		FROM shifts s LEFT JOIN (
			SELECT c.shift_id, COUNT(*) AS n, SUM(c.minutes) AS minutes FROM hours_ledger c
			WHERE c.kind IN ('checkin', 'entered') AND c.shift_id IN (SELECT id FROM shifts WHERE event_id IN (`+in+`))
				AND NOT EXISTS (SELECT 1 FROM hours_ledger x WHERE x.refers_to = c.id)
			GROUP BY c.shift_id) p ON p.shift_id = s.id
		WHERE s.event_id IN (`+in+`) ORDER BY s.event_id, s.starts_at, s.id`, append(append([]any{}, ids...), ids...)...)
	if err != nil {
		return nil, fmt.Errorf("store: board shifts: %w", err)
	}
	defer rows.Close()
	out := map[int64][]BoardShift{}
	for rows.Next() {
		var b BoardShift
		if b.Shift, err = scanShift(rows, &b.PendingClaims, &b.PendingMinutes); err != nil {
			return nil, fmt.Errorf("store: board shifts: %w", err)
		}
		out[b.EventID] = append(out[b.EventID], b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: board shifts: %w", err)
	}
	return out, nil
}

// OfficeFigures are the Front Office's figures of the day.
type OfficeFigures struct {
	Queue         int       // organizations that applied for verification and wait
	QueueSince    time.Time // the oldest of those applications; zero without any
	WeekHeld      int       // published events of this week (Monday to Sunday, Almaty) that have ended
	WeekComing    int       // and those that have not
	MailsFailed   int       // mails parked after their last attempt, waiting for a retry by hand
	MailsTrying   int       // mails that failed and will be tried again
	CertsToday    int       // certificates issued today (Almaty)
	CertsThisYear int       // and this year
}

// OfficeFigures reads the Front Office's figures at now: four single-row queries.
func (s *Store) OfficeFigures(ctx context.Context, now time.Time) (OfficeFigures, error) {
	var f OfficeFigures
	r := s.read(ctx)
	local := now.In(domain.Almaty())
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, domain.Almaty())
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	year := time.Date(local.Year(), 1, 1, 0, 0, 0, 0, domain.Almaty())
	var since int64
	if err := r.QueryRow(`SELECT COUNT(*), COALESCE(MIN(applied_at), 0) FROM organizations
		WHERE status = 'pending' AND applied_at > 0`).Scan(&f.Queue, &since); err != nil {
		return f, fmt.Errorf("store: office figures: queue: %w", err)
	}
	f.QueueSince = fromUnix(since)
	if err := r.QueryRow(`SELECT COALESCE(SUM(CASE WHEN ends_at <= ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN ends_at > ? THEN 1 ELSE 0 END), 0)
		FROM events WHERE status = 'published' AND starts_at >= ? AND starts_at < ?`,
		now.Unix(), now.Unix(), monday.Unix(), monday.AddDate(0, 0, 7).Unix()).Scan(&f.WeekHeld, &f.WeekComing); err != nil {
		return f, fmt.Errorf("store: office figures: week: %w", err)
	}
	if err := r.QueryRow(`SELECT COALESCE(SUM(CASE WHEN state = 'parked' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state IN ('pending', 'running') AND failure <> '' THEN 1 ELSE 0 END), 0)
		FROM jobs WHERE kind = ? AND state <> 'done'`, JobMail).Scan(&f.MailsFailed, &f.MailsTrying); err != nil {
		return f, fmt.Errorf("store: office figures: mails: %w", err)
	}
	if err := r.QueryRow(`SELECT COALESCE(SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), 0), COUNT(*)
		FROM certificates WHERE created_at >= ?`, today.Unix(), year.Unix()).Scan(&f.CertsToday, &f.CertsThisYear); err != nil {
		return f, fmt.Errorf("store: office figures: certificates: %w", err)
	}
	return f, nil
}
