package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
)

// eventTable is the events table's columns, read with its organization's name and status and its
// cover (aliases e, o and ci, as eventFrom joins them).
var eventTable = columns[domain.Event]{
	{name: "id", key: true, dest: func(e *domain.Event) any { return &e.ID }, value: func(e *domain.Event) any { return e.ID }},
	{name: "org_id", fixed: true, dest: func(e *domain.Event) any { return &e.OrgID }, value: func(e *domain.Event) any { return e.OrgID }},
	{expr: "o.name_kk", dest: func(e *domain.Event) any { return &e.OrgName.KK }},
	{expr: "o.name_ru", dest: func(e *domain.Event) any { return &e.OrgName.RU }},
	{expr: "o.name_en", dest: func(e *domain.Event) any { return &e.OrgName.EN }},
	field("direction", func(e *domain.Event) *string { return &e.Direction }),
	{name: "project_id", expr: "COALESCE(e.project_id, 0)", dest: func(e *domain.Event) any { return &e.ProjectID },
		value: func(e *domain.Event) any { return projectArg(e.ProjectID) }},
	field("title_kk", func(e *domain.Event) *string { return &e.Title.KK }),
	field("title_ru", func(e *domain.Event) *string { return &e.Title.RU }),
	field("title_en", func(e *domain.Event) *string { return &e.Title.EN }),
	field("description_kk", func(e *domain.Event) *string { return &e.Description.KK }),
	field("description_ru", func(e *domain.Event) *string { return &e.Description.RU }),
	field("description_en", func(e *domain.Event) *string { return &e.Description.EN }),
	field("venue_kk", func(e *domain.Event) *string { return &e.Venue.KK }),
	field("venue_ru", func(e *domain.Event) *string { return &e.Venue.RU }),
	field("venue_en", func(e *domain.Event) *string { return &e.Venue.EN }),
	field("address_kk", func(e *domain.Event) *string { return &e.Address.KK }),
	field("address_ru", func(e *domain.Event) *string { return &e.Address.RU }),
	field("address_en", func(e *domain.Event) *string { return &e.Address.EN }),
	field("lat", func(e *domain.Event) *float64 { return &e.Lat }),
	field("lon", func(e *domain.Event) *float64 { return &e.Lon }),
	field("district", func(e *domain.Event) *string { return &e.District }),
	unixField("starts_at", func(e *domain.Event) *time.Time { return &e.StartsAt }),
	unixField("ends_at", func(e *domain.Event) *time.Time { return &e.EndsAt }),
	{name: "accessibility", dest: func(e *domain.Event) any { return listDest{&e.Accessibility} },
		value: func(e *domain.Event) any { return strings.Join(e.Accessibility, ",") }},
	field("min_age", func(e *domain.Event) *int { return &e.MinAge }),
	field("silver", func(e *domain.Event) *bool { return &e.Silver }),
	field("heavy", func(e *domain.Event) *bool { return &e.Heavy }),
	{name: "status", dest: func(e *domain.Event) any { return &e.Status }, value: func(e *domain.Event) any { return string(e.Status) }},
	field("city_programme", func(e *domain.Event) *bool { return &e.CityProgramme }),
	{name: "search_text", value: func(e *domain.Event) any { return searchText(e) }},
	{name: "created_at", fixed: true, dest: func(e *domain.Event) any { return unixDest{&e.CreatedAt} },
		value: func(e *domain.Event) any { return unix(e.CreatedAt) }},
	// a new event was last changed when it was made; UpdateEvent sets updated_at itself
	{name: "updated_at", fixed: true, value: func(e *domain.Event) any { return unix(e.CreatedAt) }},
	{expr: "o.status", dest: func(e *domain.Event) any { return &e.OrgStatus }},
	// its cover (ci, as eventFrom joins it); set and removed by SetEventCover and RemoveEventCover
	{expr: "COALESCE(ci.id, 0)", dest: func(e *domain.Event) any { return &e.Cover.ID }},
	{expr: "COALESCE(ci.hash, '')", dest: func(e *domain.Event) any { return &e.Cover.Hash }},
	{expr: "COALESCE(ci.format, '')", dest: func(e *domain.Event) any { return &e.Cover.Format }},
	{expr: "COALESCE(ci.width, 0)", dest: func(e *domain.Event) any { return &e.Cover.Width }},
	{expr: "COALESCE(ci.height, 0)", dest: func(e *domain.Event) any { return &e.Cover.Height }},
	{expr: "COALESCE(ci.alt_kk, '')", dest: func(e *domain.Event) any { return &e.Cover.Alt.KK }},
	{expr: "COALESCE(ci.alt_ru, '')", dest: func(e *domain.Event) any { return &e.Cover.Alt.RU }},
	{expr: "COALESCE(ci.alt_en, '')", dest: func(e *domain.Event) any { return &e.Cover.Alt.EN }},
}

// The statements built from eventTable, once.
var (
	eventColumns     = eventTable.selectList("e.")
	insertEventQuery = eventTable.insert("events")
	updateEventQuery = `UPDATE events SET ` + eventTable.updateSet("updated_at") + ` WHERE id = ?`
)

const eventFrom = ` FROM events e JOIN organizations o ON o.id = e.org_id LEFT JOIN images ci ON ci.id = e.cover_id`

func scanEvent(row interface{ Scan(...any) error }) (domain.Event, error) {
	var e domain.Event
	err := row.Scan(eventTable.scanInto(&e)...)
	return e, err
}

// searchText is what the programme search looks in, in every language (title, venue, address,
// description), lower-cased by Go (SQLite's lower() folds
// only ASCII, and Kazakh and Russian need more).
func searchText(e *domain.Event) string {
	return strings.ToLower(strings.Join([]string{e.Title.KK, e.Title.RU, e.Title.EN,
		e.Venue.KK, e.Venue.RU, e.Venue.EN, e.Address.KK, e.Address.RU, e.Address.EN,
		e.Description.KK, e.Description.RU, e.Description.EN}, "\n"))
}

func projectArg(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id > 0} }

// CreateEvent stores a new event of e.OrgID with its shifts, if any; it sets the IDs. An event or
// shift that is not valid is refused, naming its field (a shift's as shifts[i].field). Each shift
// is checked on its own: that it lies within its event is domain.ShiftInput.NewShift's rule.
func (s *Store) CreateEvent(ctx context.Context, actorID int64, e *domain.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	for i := range e.Shifts {
		if err := e.Shifts[i].Validate(nil); err != nil {
			return domain.Prefixed(err, fmt.Sprintf("shifts[%d].", i))
		}
	}
	now := s.now().UTC().Truncate(time.Second)
	e.CreatedAt = now
	return s.write(ctx, func(tx *Tx) error {
		if e.ProjectID > 0 {
			if err := tx.QueryRow(`SELECT id FROM projects WHERE id = ?`, e.ProjectID).Scan(new(int64)); errors.Is(err, sql.ErrNoRows) {
				return domain.FieldErr(domain.Invalid, "project_id", "field.unknown_project", nil)
			} else if err != nil {
				return fmt.Errorf("store: create event: %w", err)
			}
		}
		err := tx.QueryRow(insertEventQuery, eventTable.insertValues(e, false, nil)...).Scan(&e.ID)
		if err != nil {
			return fmt.Errorf("store: create event: %w", err)
		}
		for i := range e.Shifts {
			e.Shifts[i].EventID = e.ID
			if err := insertShift(tx, &e.Shifts[i]); err != nil {
				return err
			}
			if err := s.scheduleReminders(tx, e.Shifts[i].ID, e.Shifts[i].StartsAt); err != nil {
				return err
			}
		}
		return s.audit(tx, actorID, "event.create", "event", e.ID, map[string]any{"org_id": e.OrgID, "status": e.Status})
	})
}

func insertShift(tx *Tx, sh *domain.Shift) error {
	err := tx.QueryRow(insertShiftQuery, shiftTable.insertValues(sh, false, nil)...).Scan(&sh.ID)
	if err != nil {
		return fmt.Errorf("store: create shift: %w", err)
	}
	return nil
}

// Event returns the event with id and its shifts.
func (s *Store) Event(ctx context.Context, id int64) (domain.Event, error) {
	r := s.read(ctx)
	e, err := eventByID(r, id, "")
	if err != nil {
		return e, err
	}
	e.Shifts, err = shiftsOf(r, id)
	return e, err
}

func eventByID(q queryer, id int64, lock string) (domain.Event, error) {
	e, err := scanEvent(q.QueryRow(`SELECT `+eventColumns+eventFrom+` WHERE e.id = ?`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.Errorf(domain.NotFound, "not_found.event", nil)
	}
	if err != nil {
		return e, fmt.Errorf("store: event %d: %w", id, err)
	}
	return e, nil
}

// shiftTable is the shifts table's columns; the counts are read only, kept by the signup path.
var shiftTable = columns[domain.Shift]{
	{name: "id", key: true, dest: func(sh *domain.Shift) any { return &sh.ID }, value: func(sh *domain.Shift) any { return sh.ID }},
	{name: "event_id", fixed: true, dest: func(sh *domain.Shift) any { return &sh.EventID }, value: func(sh *domain.Shift) any { return sh.EventID }},
	field("role_kk", func(sh *domain.Shift) *string { return &sh.Role.KK }),
	field("role_ru", func(sh *domain.Shift) *string { return &sh.Role.RU }),
	field("role_en", func(sh *domain.Shift) *string { return &sh.Role.EN }),
	unixField("starts_at", func(sh *domain.Shift) *time.Time { return &sh.StartsAt }),
	unixField("ends_at", func(sh *domain.Shift) *time.Time { return &sh.EndsAt }),
	field("capacity", func(sh *domain.Shift) *int { return &sh.Capacity }),
	{name: "confirmed_count", dest: func(sh *domain.Shift) any { return &sh.Confirmed }},
	{name: "waitlisted_count", dest: func(sh *domain.Shift) any { return &sh.Waitlisted }},
}

// The statements built from shiftTable, once.
var (
	shiftColumns     = shiftTable.selectList("")
	insertShiftQuery = shiftTable.insert("shifts")
	updateShiftQuery = `UPDATE shifts SET ` + shiftTable.updateSet() + ` WHERE id = ?`
)

func scanShift(row interface{ Scan(...any) error }, extra ...any) (domain.Shift, error) {
	var sh domain.Shift
	err := row.Scan(shiftTable.scanInto(&sh, extra...)...)
	return sh, err
}

func shiftsOf(q queryer, eventID int64) ([]domain.Shift, error) {
	rows, err := q.Query(`SELECT `+shiftColumns+` FROM shifts WHERE event_id = ? ORDER BY starts_at, id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("store: shifts: %w", err)
	}
	defer rows.Close()
	out := []domain.Shift{}
	for rows.Next() {
		sh, err := scanShift(rows)
		if err != nil {
			return nil, fmt.Errorf("store: shifts: %w", err)
		}
		out = append(out, sh)
	}
	return out, rows.Err()
}

// EventFilter selects events of the programme.
type EventFilter struct {
	Direction     string
	District      string
	Query         string
	From, To      time.Time // events starting at or after From, and before To
	Accessibility []string  // events offering every one of these features
	Silver        bool      // only events suitable for volunteers aged 55 and over
	FreePlaces    bool      // only published events with a shift that has a free place and has not started
	OrgID         int64     // only this organization's events
	WithDrafts    bool      // drafts and, when the organization is not verified, its events (for its own members)
	When          When      // upcoming or past events only; "" for both
	Cursor        string    // from the previous page's NextCursor
	Limit         int
}

// When splits the programme by the clock: an event is upcoming until it ends, then past.
type When string

// The halves of the programme.
const (
	Upcoming When = "upcoming" // events that have not ended, soonest first
	Past     When = "past"     // events that have ended, the latest first
)

// parseCursor reads a cursor given back by a client.
func parseCursor(c string) (startsAt, id int64, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, 0, false
	}
	a, b, found := strings.Cut(string(raw), ":")
	if !found {
		return 0, 0, false
	}
	startsAt, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	return startsAt, id, err1 == nil && err2 == nil && id > 0
}

func makeCursor(e domain.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(unix(e.StartsAt), 10) + ":" + strconv.FormatInt(e.ID, 10)))
}

// Events lists events in order of start (Past: the latest first), one page at a time, each with
// its tally; next is "" on the last page.
// It lists published and cancelled events of verified organizations; drafts, and the events of an
// organization not (or no longer) verified, are seen only by their organization (WithDrafts).
func (s *Store) Events(ctx context.Context, f EventFilter) (events []domain.Event, next string, err error) {
	now := s.now()
	where, args := eventWhere(f, now)
	order := `e.starts_at, e.id`
	if f.Cursor != "" {
		at, id, ok := parseCursor(f.Cursor)
		if !ok {
			return nil, "", domain.FieldErr(domain.Invalid, "cursor", "field.cursor", nil)
		}
		after := `(e.starts_at > ? OR (e.starts_at = ? AND e.id > ?))`
		if f.When == Past {
			after = `(e.starts_at < ? OR (e.starts_at = ? AND e.id < ?))`
		}
		where, args = append(where, after), append(args, at, at, id)
	}
	if f.When == Past {
		order = `e.starts_at DESC, e.id DESC`
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	r := s.read(ctx)
	rows, err := r.Query(`SELECT `+eventColumns+eventFrom+` WHERE `+strings.Join(append(where, "TRUE"), " AND ")+
		` ORDER BY `+order+` LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return nil, "", fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	events = []domain.Event{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, "", fmt.Errorf("store: events: %w", err)
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("store: events: %w", err)
	}
	rows.Close()
	if len(events) > limit {
		events = events[:limit]
		next = makeCursor(events[limit-1])
	}
	if err := tallyEvents(r, events, now); err != nil {
		return nil, "", err
	}
	return events, next, nil
}

// CountEvents is how many events Events lists under f, on all its pages (f.Cursor is set aside).
func (s *Store) CountEvents(ctx context.Context, f EventFilter) (int, error) {
	where, args := eventWhere(f, s.now())
	var n int
	if err := s.read(ctx).QueryRow(`SELECT COUNT(*)`+eventFrom+` WHERE `+strings.Join(append(where, "TRUE"), " AND "),
		args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count events: %w", err)
	}
	return n, nil
}

// eventWhere is the condition of f's events at now, but for the cursor.
func eventWhere(f EventFilter, now time.Time) (where []string, args []any) {
	if !f.WithDrafts {
		where = append(where, `e.status IN ('published', 'cancelled')`, `o.status = 'verified'`)
	}
	switch f.When {
	case Upcoming:
		where, args = append(where, `e.ends_at > ?`), append(args, now.Unix())
	case Past:
		where, args = append(where, `e.ends_at <= ?`), append(args, now.Unix())
	}
	if f.Direction != "" {
		where, args = append(where, `e.direction = ?`), append(args, f.Direction)
	}
	if f.District != "" {
		where, args = append(where, `e.district = ?`), append(args, f.District)
	}
	if !f.From.IsZero() {
		where, args = append(where, `e.starts_at >= ?`), append(args, unix(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, `e.starts_at < ?`), append(args, unix(f.To))
	}
	for _, feature := range f.Accessibility {
		// the list is stored as "a,b,c"; wrapping both sides in commas matches whole codes only
		where, args = append(where, `(',' || e.accessibility || ',') LIKE ?`), append(args, "%,"+feature+",%")
	}
	if f.Silver {
		where = append(where, `e.silver = TRUE`)
	}
	if f.FreePlaces {
		where, args = append(where, `e.status = 'published' AND EXISTS (SELECT 1 FROM shifts s
			WHERE s.event_id = e.id AND s.confirmed_count < s.capacity AND s.starts_at > ?)`), append(args, now.Unix())
	}
	if f.OrgID > 0 {
		where, args = append(where, `e.org_id = ?`), append(args, f.OrgID)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
		where, args = append(where, `e.search_text LIKE ? ESCAPE '\'`), append(args, "%"+r.Replace(q)+"%")
	}
	return where, args
}

// tallyEvents sets each event's tally at now: its shifts, the places left and the waitlists of
// those not started, and how many people were checked in (two grouped reads for the whole page).
func tallyEvents(q queryer, events []domain.Event, now time.Time) error {
	if len(events) == 0 {
		return nil
	}
	byID := make(map[int64]*domain.EventTally, len(events))
	ids := make([]any, 0, len(events))
	for i := range events {
		events[i].Tally = &domain.EventTally{}
		byID[events[i].ID] = events[i].Tally
		ids = append(ids, events[i].ID)
	}
	in := `(` + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + `)`
	rows, err := q.Query(`SELECT event_id, COUNT(*),
		CAST(COALESCE(SUM(CASE WHEN starts_at > ? THEN 1 ELSE 0 END), 0) AS BIGINT),
		CAST(COALESCE(SUM(CASE WHEN starts_at > ? THEN capacity - confirmed_count ELSE 0 END), 0) AS BIGINT),
		CAST(COALESCE(SUM(CASE WHEN starts_at > ? THEN waitlisted_count ELSE 0 END), 0) AS BIGINT)
		FROM shifts WHERE event_id IN `+in+` GROUP BY event_id`, append([]any{now.Unix(), now.Unix(), now.Unix()}, ids...)...)
	if err != nil {
		return fmt.Errorf("store: event tallies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t domain.EventTally
		if err := rows.Scan(&id, &t.Shifts, &t.OpenShifts, &t.PlacesLeft, &t.Waiting); err != nil {
			return fmt.Errorf("store: event tallies: %w", err)
		}
		*byID[id] = t
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: event tallies: %w", err)
	}
	rows.Close()
	rows, err = q.Query(`SELECT s.event_id, COUNT(DISTINCT g.user_id) FROM checkins c
		JOIN shifts s ON s.id = c.shift_id JOIN signups g ON g.id = c.signup_id
		WHERE c.checked_in_at > 0 AND s.event_id IN `+in+` GROUP BY s.event_id`, ids...)
	if err != nil {
		return fmt.Errorf("store: event attendance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var came int
		if err := rows.Scan(&id, &came); err != nil {
			return fmt.Errorf("store: event attendance: %w", err)
		}
		byID[id].Came = came
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: event attendance: %w", err)
	}
	return nil
}

// EventCame is how many people were checked in at any shift of an event.
func (s *Store) EventCame(ctx context.Context, eventID int64) (int, error) {
	var n int
	if err := s.read(ctx).QueryRow(`SELECT COUNT(DISTINCT g.user_id) FROM checkins c
		JOIN shifts s ON s.id = c.shift_id JOIN signups g ON g.id = c.signup_id
		WHERE c.checked_in_at > 0 AND s.event_id = ?`, eventID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: event attendance: %w", err)
	}
	return n, nil
}

// UpdateEvent changes an event: mutate edits a copy read inside the transaction, then the result is
// validated and stored. Cancelling an event cancels all its signups in the same transaction.
func (s *Store) UpdateEvent(ctx context.Context, actorID, id int64, mutate func(*domain.Event) error) (domain.Event, error) {
	var e domain.Event
	err := s.write(ctx, func(tx *Tx) error {
		old, err := eventByID(tx, id, tx.forUpdate("e"))
		if err != nil {
			return err
		}
		if old.Status == domain.EventCancelled {
			return domain.Errorf(domain.Conflict, "event.cancelled_final", nil)
		}
		e = old
		e.Accessibility = append([]string(nil), old.Accessibility...)
		if err := mutate(&e); err != nil {
			return err
		}
		if err := e.Validate(); err != nil {
			return err
		}
		if e.ProjectID > 0 && e.ProjectID != old.ProjectID {
			if err := tx.QueryRow(`SELECT id FROM projects WHERE id = ?`, e.ProjectID).Scan(new(int64)); errors.Is(err, sql.ErrNoRows) {
				return domain.FieldErr(domain.Invalid, "project_id", "field.unknown_project", nil)
			} else if err != nil {
				return fmt.Errorf("store: update event: %w", err)
			}
		}
		if !e.StartsAt.Equal(old.StartsAt) || !e.EndsAt.Equal(old.EndsAt) {
			var outside int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM shifts WHERE event_id = ? AND (starts_at < ? OR ends_at > ?)`,
				id, unix(e.StartsAt), unix(e.EndsAt)).Scan(&outside); err != nil {
				return fmt.Errorf("store: update event: %w", err)
			}
			if outside > 0 {
				return domain.FieldErr(domain.Invalid, "starts_at", "event.shift_outside", nil)
			}
		}
		_, err = tx.Exec(updateEventQuery, eventTable.updateValues(&e, s.now().Unix(), id)...)
		if err != nil {
			return fmt.Errorf("store: update event: %w", err)
		}
		switch {
		case e.Status == domain.EventCancelled:
			users, shifts, err := activeSignups(tx, `s.event_id = ?`, id)
			if err != nil {
				return err
			}
			if err := s.cancelEventSignups(tx, id); err != nil {
				return err
			}
			if err := s.notifyShiftHolders(tx, domain.MailEventCancelled, users, shifts); err != nil {
				return err
			}
		case (e.Venue != old.Venue || e.Address != old.Address) && e.Status == domain.EventPublished:
			users, shifts, err := activeSignups(tx, `s.event_id = ?`, id)
			if err != nil {
				return err
			}
			if err := s.notifyShiftHolders(tx, domain.MailShiftChanged, users, shifts); err != nil {
				return err
			}
		}
		if e.Shifts, err = shiftsOf(tx, id); err != nil {
			return err
		}
		return s.audit(tx, actorID, "event.update", "event", id, map[string]any{"status": e.Status})
	})
	return e, err
}

// cancelEventSignups cancels every signup of an event and empties its shifts.
func (s *Store) cancelEventSignups(tx *Tx, eventID int64) error {
	now := s.now().Unix()
	if _, err := tx.Exec(`SELECT id FROM shifts WHERE event_id = ? ORDER BY id`+tx.forUpdate(""), eventID); err != nil {
		return fmt.Errorf("store: lock shifts: %w", err)
	}
	if _, err := tx.Exec(`UPDATE signups SET status = 'cancelled', waitlist_seq = NULL, cancelled_at = ?, updated_at = ?
		WHERE status <> 'cancelled' AND shift_id IN (SELECT id FROM shifts WHERE event_id = ?)`, now, now, eventID); err != nil {
		return fmt.Errorf("store: cancel event signups: %w", err)
	}
	if _, err := tx.Exec(`UPDATE shifts SET confirmed_count = 0, waitlisted_count = 0 WHERE event_id = ?`, eventID); err != nil {
		return fmt.Errorf("store: cancel event shifts: %w", err)
	}
	return nil
}

// CreateShift adds a shift to an event that is not cancelled.
func (s *Store) CreateShift(ctx context.Context, actorID int64, sh *domain.Shift) error {
	return s.write(ctx, func(tx *Tx) error {
		e, err := eventByID(tx, sh.EventID, tx.forUpdate("e"))
		if err != nil {
			return err
		}
		if e.Status == domain.EventCancelled {
			return domain.Errorf(domain.Conflict, "event.cancelled_final", nil)
		}
		if err := sh.Validate(&e); err != nil {
			return err
		}
		if err := insertShift(tx, sh); err != nil {
			return err
		}
		if err := s.scheduleReminders(tx, sh.ID, sh.StartsAt); err != nil {
			return err
		}
		return s.audit(tx, actorID, "shift.create", "shift", sh.ID, map[string]any{"event_id": sh.EventID, "capacity": sh.Capacity})
	})
}

// Shift returns a shift and the organization whose event it belongs to.
func (s *Store) Shift(ctx context.Context, id int64) (sh domain.Shift, orgID int64, err error) {
	return shiftByID(s.read(ctx), id, "")
}

func shiftByID(q queryer, id int64, lock string) (domain.Shift, int64, error) {
	var orgID int64
	sh, err := scanShift(q.QueryRow(`SELECT `+prefixed("s.", shiftColumns)+`, e.org_id FROM shifts s JOIN events e ON e.id = s.event_id WHERE s.id = ?`+lock, id), &orgID)
	if errors.Is(err, sql.ErrNoRows) {
		return sh, 0, domain.Errorf(domain.NotFound, "not_found.shift", nil)
	}
	if err != nil {
		return sh, 0, fmt.Errorf("store: shift %d: %w", id, err)
	}
	return sh, orgID, nil
}

func prefixed(p, columns string) string {
	parts := strings.Split(columns, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// UpdateShift changes a shift: mutate edits a copy read inside the transaction. As the seat rule
// says (resizeSeats), a capacity below the confirmed count is refused; a higher one promotes from
// the waitlist in the same transaction.
func (s *Store) UpdateShift(ctx context.Context, actorID, id int64, mutate func(*domain.Shift) error) (domain.Shift, error) {
	var sh domain.Shift
	err := s.write(ctx, func(tx *Tx) error {
		old, _, err := shiftByID(tx, id, tx.forUpdate("s"))
		if err != nil {
			return err
		}
		e, err := eventByID(tx, old.EventID, "")
		if err != nil {
			return err
		}
		if e.Status == domain.EventCancelled {
			return domain.Errorf(domain.Conflict, "event.cancelled_final", nil)
		}
		sh = old
		if err := mutate(&sh); err != nil {
			return err
		}
		sh.ID, sh.EventID, sh.Confirmed, sh.Waitlisted = old.ID, old.EventID, old.Confirmed, old.Waitlisted
		if err := sh.Validate(&e); err != nil {
			return err
		}
		promote, err := resizeSeats(sh)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(updateShiftQuery, shiftTable.updateValues(&sh, id)...); err != nil {
			return fmt.Errorf("store: update shift: %w", err)
		}
		if !sh.StartsAt.Equal(old.StartsAt) || !sh.EndsAt.Equal(old.EndsAt) {
			// the reminders move with it (the old jobs find the shift moved and send nothing),
			// and everyone on it is told, with the new times as a calendar file
			if err := s.scheduleReminders(tx, id, sh.StartsAt); err != nil {
				return err
			}
			if e.Status == domain.EventPublished {
				users, shifts, err := activeSignups(tx, `g.shift_id = ?`, id)
				if err != nil {
					return err
				}
				if err := s.notifyShiftHolders(tx, domain.MailShiftChanged, users, shifts); err != nil {
					return err
				}
			}
		}
		if promote > 0 {
			if _, sh, err = s.settleSeats(tx, sh, sh, promote); err != nil {
				return err
			}
		}
		return s.audit(tx, actorID, "shift.update", "shift", id, map[string]any{"capacity": sh.Capacity})
	})
	return sh, err
}
