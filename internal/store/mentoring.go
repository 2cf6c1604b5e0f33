package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"erikti/internal/domain"
)

// Mentoring programmes, rounds, applications and pairs (migration 0028, domain/mentoring.go).

var programmeTable = columns[domain.MentoringProgramme]{
	{name: "id", key: true, dest: func(p *domain.MentoringProgramme) any { return &p.ID }, value: func(p *domain.MentoringProgramme) any { return p.ID }},
	{name: "org_id", fixed: true, dest: func(p *domain.MentoringProgramme) any { return &p.OrgID }, value: func(p *domain.MentoringProgramme) any { return p.OrgID }},
	{expr: "o.name_kk", dest: func(p *domain.MentoringProgramme) any { return &p.OrgName.KK }},
	{expr: "o.name_ru", dest: func(p *domain.MentoringProgramme) any { return &p.OrgName.RU }},
	{expr: "o.name_en", dest: func(p *domain.MentoringProgramme) any { return &p.OrgName.EN }},
	{name: "project_id", expr: "COALESCE(p.project_id, 0)", dest: func(p *domain.MentoringProgramme) any { return &p.ProjectID },
		value: func(p *domain.MentoringProgramme) any { return projectArg(p.ProjectID) }},
	field("name_kk", func(p *domain.MentoringProgramme) *string { return &p.Name.KK }),
	field("name_ru", func(p *domain.MentoringProgramme) *string { return &p.Name.RU }),
	field("name_en", func(p *domain.MentoringProgramme) *string { return &p.Name.EN }),
	field("description_kk", func(p *domain.MentoringProgramme) *string { return &p.Description.KK }),
	field("description_ru", func(p *domain.MentoringProgramme) *string { return &p.Description.RU }),
	field("description_en", func(p *domain.MentoringProgramme) *string { return &p.Description.EN }),
	field("question_kk", func(p *domain.MentoringProgramme) *string { return &p.Question.KK }),
	field("question_ru", func(p *domain.MentoringProgramme) *string { return &p.Question.RU }),
	field("question_en", func(p *domain.MentoringProgramme) *string { return &p.Question.EN }),
	field("travel_km", func(p *domain.MentoringProgramme) *int { return &p.TravelKm }),
	field("prefer_silver", func(p *domain.MentoringProgramme) *bool { return &p.PreferSilver }),
	{name: "created_at", fixed: true, dest: func(p *domain.MentoringProgramme) any { return unixDest{&p.CreatedAt} },
		value: func(p *domain.MentoringProgramme) any { return unix(p.CreatedAt) }},
}

var roundTable = columns[domain.MentoringRound]{
	{name: "id", key: true, dest: func(r *domain.MentoringRound) any { return &r.ID }, value: func(r *domain.MentoringRound) any { return r.ID }},
	{name: "programme_id", fixed: true, dest: func(r *domain.MentoringRound) any { return &r.ProgrammeID },
		value: func(r *domain.MentoringRound) any { return r.ProgrammeID }},
	field("name_kk", func(r *domain.MentoringRound) *string { return &r.Name.KK }),
	field("name_ru", func(r *domain.MentoringRound) *string { return &r.Name.RU }),
	field("name_en", func(r *domain.MentoringRound) *string { return &r.Name.EN }),
	unixField("opens_at", func(r *domain.MentoringRound) *time.Time { return &r.OpensAt }),
	unixField("closes_at", func(r *domain.MentoringRound) *time.Time { return &r.ClosesAt }),
	unixField("match_on", func(r *domain.MentoringRound) *time.Time { return &r.MatchOn }),
	field("weeks", func(r *domain.MentoringRound) *int { return &r.Weeks }),
	{name: "themes", dest: func(r *domain.MentoringRound) any { return listDest{&r.Themes} },
		value: func(r *domain.MentoringRound) any { return strings.Join(r.Themes, ",") }},
	{name: "matched_at", dest: func(r *domain.MentoringRound) any { return unixDest{&r.MatchedAt} }},
	{name: "published_at", dest: func(r *domain.MentoringRound) any { return unixDest{&r.PublishedAt} }},
	{name: "created_at", fixed: true, dest: func(r *domain.MentoringRound) any { return unixDest{&r.CreatedAt} },
		value: func(r *domain.MentoringRound) any { return unix(r.CreatedAt) }},
}

var applicationTable = columns[domain.MentoringApplication]{
	{name: "id", key: true, dest: func(a *domain.MentoringApplication) any { return &a.ID }, value: func(a *domain.MentoringApplication) any { return a.ID }},
	{name: "round_id", fixed: true, dest: func(a *domain.MentoringApplication) any { return &a.RoundID },
		value: func(a *domain.MentoringApplication) any { return a.RoundID }},
	{name: "user_id", fixed: true, dest: func(a *domain.MentoringApplication) any { return &a.UserID },
		value: func(a *domain.MentoringApplication) any { return a.UserID }},
	{expr: "u.name", dest: func(a *domain.MentoringApplication) any { return &a.Name }},
	{expr: "u.birth_date", dest: func(a *domain.MentoringApplication) any { return dateDest{&a.Birth} }},
	field("role", func(a *domain.MentoringApplication) *string { return &a.Role }),
	{name: "languages", dest: func(a *domain.MentoringApplication) any { return listDest{&a.Languages} },
		value: func(a *domain.MentoringApplication) any { return strings.Join(a.Languages, ",") }},
	field("district", func(a *domain.MentoringApplication) *string { return &a.District }),
	field("mode", func(a *domain.MentoringApplication) *string { return &a.Mode }),
	{name: "themes", dest: func(a *domain.MentoringApplication) any { return listDest{&a.Themes} },
		value: func(a *domain.MentoringApplication) any { return strings.Join(a.Themes, ",") }},
	{name: "slots", dest: func(a *domain.MentoringApplication) any { return listDest{&a.Slots} },
		value: func(a *domain.MentoringApplication) any { return strings.Join(a.Slots, ",") }},
	field("capacity", func(a *domain.MentoringApplication) *int { return &a.Capacity }),
	field("answer", func(a *domain.MentoringApplication) *string { return &a.Answer }),
	{name: "verified_at", dest: func(a *domain.MentoringApplication) any { return unixDest{&a.Verified} }},
	{name: "unmatched", dest: func(a *domain.MentoringApplication) any { return &a.Unmatched }},
	{name: "created_at", fixed: true, dest: func(a *domain.MentoringApplication) any { return unixDest{&a.CreatedAt} },
		value: func(a *domain.MentoringApplication) any { return unix(a.CreatedAt) }},
}

var (
	programmeColumns   = programmeTable.selectList("p.")
	programmeFrom      = ` FROM mentoring_programmes p JOIN organizations o ON o.id = p.org_id`
	insertProgramme    = programmeTable.insert("mentoring_programmes")
	roundColumns       = roundTable.selectList("r.")
	insertRound        = roundTable.insert("mentoring_rounds")
	applicationColumns = applicationTable.selectList("a.")
	applicationFrom    = ` FROM mentoring_applications a JOIN users u ON u.id = a.user_id`
	insertApplication  = applicationTable.insert("mentoring_applications")
)

// dateDest reads a date stored as "2006-01-02" (zero for "").
type dateDest struct{ t *time.Time }

func (d dateDest) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	*d.t = time.Time{}
	if s.String != "" {
		t, ok := domain.ParseDate(s.String)
		if !ok {
			return fmt.Errorf("store: a date that is not one: %q", s.String)
		}
		*d.t = t
	}
	return nil
}

// CreateMentoringProgramme makes programme p of p.OrgID, by actorID.
func (s *Store) CreateMentoringProgramme(ctx context.Context, actorID int64, p *domain.MentoringProgramme) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt = s.now().UTC().Truncate(time.Second)
	return s.write(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(`SELECT id FROM organizations WHERE id = ?`, p.OrgID).Scan(new(int64)); errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.organization", nil)
		} else if err != nil {
			return fmt.Errorf("store: create programme: %w", err)
		}
		if p.ProjectID > 0 {
			if err := tx.QueryRow(`SELECT id FROM projects WHERE id = ?`, p.ProjectID).Scan(new(int64)); errors.Is(err, sql.ErrNoRows) {
				return domain.FieldErr(domain.Invalid, "project_id", "field.unknown_project", nil)
			} else if err != nil {
				return fmt.Errorf("store: create programme: %w", err)
			}
		}
		if err := tx.QueryRow(insertProgramme, programmeTable.insertValues(p, false, nil)...).Scan(&p.ID); err != nil {
			return fmt.Errorf("store: create programme: %w", err)
		}
		return s.audit(tx, actorID, "mentoring.programme_create", "mentoring_programme", p.ID, map[string]any{"org_id": p.OrgID})
	})
}

// MentoringProgramme is the programme id, not found when there is none.
func (s *Store) MentoringProgramme(ctx context.Context, id int64) (domain.MentoringProgramme, error) {
	var p domain.MentoringProgramme
	err := s.read(ctx).QueryRow(`SELECT `+programmeColumns+programmeFrom+` WHERE p.id = ?`, id).Scan(programmeTable.scanInto(&p)...)
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.Errorf(domain.NotFound, "not_found.mentoring_programme", nil)
	}
	if err != nil {
		return p, fmt.Errorf("store: programme %d: %w", id, err)
	}
	return p, nil
}

// MentoringProgrammes lists every programme, the newest first; of orgID only, when not 0.
func (s *Store) MentoringProgrammes(ctx context.Context, orgID int64) ([]domain.MentoringProgramme, error) {
	rows, err := s.read(ctx).Query(`SELECT `+programmeColumns+programmeFrom+` WHERE ? = 0 OR p.org_id = ? ORDER BY p.id DESC`, orgID, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: programmes: %w", err)
	}
	defer rows.Close()
	var out []domain.MentoringProgramme
	for rows.Next() {
		var p domain.MentoringProgramme
		if err := rows.Scan(programmeTable.scanInto(&p)...); err != nil {
			return nil, fmt.Errorf("store: programmes: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateMentoringRound makes round r of its programme, by actorID.
func (s *Store) CreateMentoringRound(ctx context.Context, actorID int64, r *domain.MentoringRound) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedAt = s.now().UTC().Truncate(time.Second)
	return s.write(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(`SELECT id FROM mentoring_programmes WHERE id = ?`, r.ProgrammeID).Scan(new(int64)); errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.mentoring_programme", nil)
		} else if err != nil {
			return fmt.Errorf("store: create round: %w", err)
		}
		if err := tx.QueryRow(insertRound, roundTable.insertValues(r, false, nil)...).Scan(&r.ID); err != nil {
			return fmt.Errorf("store: create round: %w", err)
		}
		return s.audit(tx, actorID, "mentoring.round_create", "mentoring_round", r.ID, map[string]any{"programme_id": r.ProgrammeID})
	})
}

// MentoringRound is the round id, not found when there is none.
func (s *Store) MentoringRound(ctx context.Context, id int64) (domain.MentoringRound, error) {
	return mentoringRound(s.read(ctx), id)
}

func mentoringRound(q queryer, id int64) (domain.MentoringRound, error) {
	var r domain.MentoringRound
	err := q.QueryRow(`SELECT `+roundColumns+` FROM mentoring_rounds r WHERE r.id = ?`, id).Scan(roundTable.scanInto(&r)...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.Errorf(domain.NotFound, "not_found.mentoring_round", nil)
	}
	if err != nil {
		return r, fmt.Errorf("store: round %d: %w", id, err)
	}
	return r, nil
}

// MentoringRounds lists the rounds of programmeID, the latest window first.
func (s *Store) MentoringRounds(ctx context.Context, programmeID int64) ([]domain.MentoringRound, error) {
	rows, err := s.read(ctx).Query(`SELECT `+roundColumns+` FROM mentoring_rounds r WHERE r.programme_id = ? ORDER BY r.opens_at DESC, r.id DESC`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: rounds: %w", err)
	}
	defer rows.Close()
	var out []domain.MentoringRound
	for rows.Next() {
		var r domain.MentoringRound
		if err := rows.Scan(roundTable.scanInto(&r)...); err != nil {
			return nil, fmt.Errorf("store: rounds: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ApplyForMentoring records a's application to its round, for a.UserID. It refuses, naming the
// field, what domain.MentoringApplication.Validate refuses, and a second application of one person
// to one round (a conflict on role); a mentee under domain.AdultAge on the matching date needs a
// guardian's consent, as for a signup (forbidden, signup.guardian_consent_needed).
func (s *Store) ApplyForMentoring(ctx context.Context, a *domain.MentoringApplication) error {
	now := s.now().UTC().Truncate(time.Second)
	a.CreatedAt = now
	err := s.write(ctx, func(tx *Tx) error {
		r, err := mentoringRound(tx, a.RoundID)
		if err != nil {
			return err
		}
		u, err := scanUser(tx.QueryRow(`SELECT `+userColumns+` FROM users u WHERE u.id = ?`, a.UserID))
		if err != nil {
			return fmt.Errorf("store: apply: the applicant: %w", err)
		}
		if err := a.Validate(&r, u.BirthDate, now); err != nil {
			return err
		}
		a.Name, a.Birth = u.Name, u.BirthDate
		if a.Role == domain.RoleMentee && a.Minor(&r) {
			if ok, err := hasGuardianConsent(tx, a.UserID); err != nil {
				return err
			} else if !ok {
				return domain.Errorf(domain.Forbidden, "signup.guardian_consent_needed", map[string]any{"age": domain.AdultAge})
			}
		}
		var other string
		switch err := tx.QueryRow(`SELECT role FROM mentoring_applications WHERE round_id = ? AND user_id = ?`, r.ID, a.UserID).Scan(&other); {
		case err == nil:
			return domain.FieldErr(domain.Conflict, "role", "mentoring.already_applied", map[string]any{"role": other})
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: apply: %w", err)
		}
		if err := tx.QueryRow(insertApplication, applicationTable.insertValues(a, false, nil)...).Scan(&a.ID); err != nil {
			if isUnique(err) {
				return domain.FieldErr(domain.Conflict, "role", "mentoring.already_applied", map[string]any{"role": a.Role})
			}
			return fmt.Errorf("store: apply: %w", err)
		}
		return s.audit(tx, a.UserID, "mentoring.apply", "mentoring_round", r.ID, map[string]any{"application_id": a.ID, "role": a.Role})
	})
	return err
}

// MentoringApplications lists the applications to roundID in the order they came.
func (s *Store) MentoringApplications(ctx context.Context, roundID int64) ([]domain.MentoringApplication, error) {
	return mentoringApplications(s.read(ctx), `a.round_id = ?`, roundID)
}

// MentoringApplication is the application id, not found when there is none.
func (s *Store) MentoringApplication(ctx context.Context, id int64) (domain.MentoringApplication, error) {
	as, err := mentoringApplications(s.read(ctx), `a.id = ?`, id)
	if err != nil {
		return domain.MentoringApplication{}, err
	}
	if len(as) == 0 {
		return domain.MentoringApplication{}, domain.Errorf(domain.NotFound, "not_found.mentoring_application", nil)
	}
	return as[0], nil
}

func mentoringApplications(q queryer, where string, args ...any) ([]domain.MentoringApplication, error) {
	rows, err := q.Query(`SELECT `+applicationColumns+applicationFrom+` WHERE `+where+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: applications: %w", err)
	}
	defer rows.Close()
	var out []domain.MentoringApplication
	for rows.Next() {
		var a domain.MentoringApplication
		if err := rows.Scan(applicationTable.scanInto(&a)...); err != nil {
			return nil, fmt.Errorf("store: applications: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// VerifyMentor records, by actorID, that the coordinator checked the mentor of application
// appID (verified) or takes it back; a verified mentor may mentor a minor.
func (s *Store) VerifyMentor(ctx context.Context, actorID, appID int64, verified bool) error {
	return s.write(ctx, func(tx *Tx) error {
		var role string
		var roundID int64
		if err := tx.QueryRow(`SELECT role, round_id FROM mentoring_applications WHERE id = ?`, appID).Scan(&role, &roundID); errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.NotFound, "not_found.mentoring_application", nil)
		} else if err != nil {
			return fmt.Errorf("store: verify mentor: %w", err)
		}
		if role != domain.RoleMentor {
			return domain.FieldErr(domain.Invalid, "application_id", "mentoring.not_a_mentor", nil)
		}
		at, by := int64(0), int64(0)
		if verified {
			at, by = s.now().Unix(), actorID
		}
		if _, err := tx.Exec(`UPDATE mentoring_applications SET verified_at = ?, verified_by = ? WHERE id = ?`, at, by, appID); err != nil {
			return fmt.Errorf("store: verify mentor: %w", err)
		}
		return s.audit(tx, actorID, "mentoring.verify", "mentoring_application", appID, map[string]any{"verified": verified, "round_id": roundID})
	})
}

// The states of a mentoring pair.
const (
	PairProposed  = "proposed"  // made by the match, seen only by the coordinator
	PairPublished = "published" // told to both, waiting for their answers
	PairAccepted  = "accepted"  // both said yes
	PairDeclined  = "declined"  // one said no: the mentee may be matched again, never with that mentor
)

// The coordinator's rules on a pair.
const (
	RulePin    = "pin"
	RuleForbid = "forbid"
)

// MentoringPair is a pair of a round, with both applications.
type MentoringPair struct {
	ID           int64
	RoundID      int64
	Mentor       domain.MentoringApplication
	Mentee       domain.MentoringApplication
	Fit          int
	Pinned       bool
	Status       string
	MentorAnswer string
	MenteeAnswer string
	CreatedAt    time.Time
	PublishedAt  time.Time
}

// PairRule is a coordinator's rule on a pair of a round.
type PairRule struct {
	domain.PairKey
	Kind string
}

// MentoringPairRules lists the pins and forbidden pairs of roundID.
func (s *Store) MentoringPairRules(ctx context.Context, roundID int64) ([]PairRule, error) {
	return pairRules(s.read(ctx), roundID)
}

func pairRules(q queryer, roundID int64) ([]PairRule, error) {
	rows, err := q.Query(`SELECT mentor_app, mentee_app, kind FROM mentoring_pair_rules WHERE round_id = ? ORDER BY created_at, mentor_app, mentee_app`, roundID)
	if err != nil {
		return nil, fmt.Errorf("store: pair rules: %w", err)
	}
	defer rows.Close()
	var out []PairRule
	for rows.Next() {
		var r PairRule
		if err := rows.Scan(&r.Mentor, &r.Mentee, &r.Kind); err != nil {
			return nil, fmt.Errorf("store: pair rules: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MentoringPairs lists the pairs of roundID, proposed, published and accepted first, the best
// fit first within each; declined ones last.
func (s *Store) MentoringPairs(ctx context.Context, roundID int64) ([]MentoringPair, error) {
	return s.mentoringPairs(ctx, `p.round_id = ?`, roundID)
}

// MentoringPairsOf lists the pairs userID is in, as mentor or mentee, the newest first.
func (s *Store) MentoringPairsOf(ctx context.Context, userID int64) ([]MentoringPair, error) {
	return s.mentoringPairs(ctx, `(p.mentor_app IN (SELECT id FROM mentoring_applications WHERE user_id = ?)
		OR p.mentee_app IN (SELECT id FROM mentoring_applications WHERE user_id = ?)) AND p.status <> 'proposed'`, userID, userID)
}

func (s *Store) mentoringPairs(ctx context.Context, where string, args ...any) ([]MentoringPair, error) {
	r := s.read(ctx)
	rows, err := r.Query(`SELECT p.id, p.round_id, p.mentor_app, p.mentee_app, p.fit, p.pinned, p.status, p.mentor_answer, p.mentee_answer,
		p.created_at, p.published_at FROM mentoring_pairs p WHERE `+where+`
		ORDER BY CASE p.status WHEN 'declined' THEN 1 ELSE 0 END, p.fit DESC, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: pairs: %w", err)
	}
	var out []MentoringPair
	for rows.Next() {
		var p MentoringPair
		var created, published int64
		if err := rows.Scan(&p.ID, &p.RoundID, &p.Mentor.ID, &p.Mentee.ID, &p.Fit, &p.Pinned, &p.Status, &p.MentorAnswer, &p.MenteeAnswer,
			&created, &published); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: pairs: %w", err)
		}
		p.CreatedAt, p.PublishedAt = fromUnix(created), fromUnix(published)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pairs: %w", err)
	}
	apps := map[int64]domain.MentoringApplication{}
	for i := range out {
		for _, a := range []*domain.MentoringApplication{&out[i].Mentor, &out[i].Mentee} {
			got, ok := apps[a.ID]
			if !ok {
				list, err := mentoringApplications(r, `a.id = ?`, a.ID)
				if err != nil {
					return nil, err
				}
				if len(list) == 1 {
					got = list[0]
				}
				apps[a.ID] = got
			}
			*a = got
		}
	}
	return out, nil
}

// mentoringApps reads applications mentorApp and menteeApp of roundID inside tx, refusing (422
// naming field) an application that is not of the round or of the wrong side.
func mentoringApps(tx *Tx, roundID, mentorApp, menteeApp int64) (mentor, mentee domain.MentoringApplication, err error) {
	for _, side := range []struct {
		id    int64
		role  string
		field string
		into  *domain.MentoringApplication
	}{{mentorApp, domain.RoleMentor, "mentor_application_id", &mentor}, {menteeApp, domain.RoleMentee, "mentee_application_id", &mentee}} {
		list, err := mentoringApplications(tx, `a.id = ? AND a.round_id = ?`, side.id, roundID)
		if err != nil {
			return mentor, mentee, err
		}
		if len(list) == 0 || list[0].Role != side.role {
			return mentor, mentee, domain.FieldErr(domain.Invalid, side.field, "mentoring.not_in_round_as_"+side.role, nil)
		}
		*side.into = list[0]
	}
	return mentor, mentee, nil
}

// SetPairRule pins (kind pin), forbids (forbid) or frees (kind "") the pair of applications
// mentorApp and menteeApp of roundID, by actorID. A pin that breaks a hard rule, or one of a pair
// declined before, is refused (422 naming mentee_application_id, the rule's message); a pin beyond
// the mentor's capacity is a conflict; a mentee already in a pair told to both cannot be pinned
// or forbidden elsewhere. A pin makes the pair at once (proposed, pinned), in place of the
// mentee's proposed pair; a forbid removes the proposed pair it names.
func (s *Store) SetPairRule(ctx context.Context, actorID, roundID, mentorApp, menteeApp int64, kind string) error {
	switch kind {
	case RulePin, RuleForbid, "":
	default:
		return domain.FieldErr(domain.Invalid, "kind", "mentoring.rule_kind", nil)
	}
	return s.write(ctx, func(tx *Tx) error {
		r, err := mentoringRound(tx, roundID)
		if err != nil {
			return err
		}
		prog, err := scanProgramme(tx.QueryRow(`SELECT `+programmeColumns+programmeFrom+` WHERE p.id = ?`, r.ProgrammeID))
		if err != nil {
			return fmt.Errorf("store: pair rule: %w", err)
		}
		mentor, mentee, err := mentoringApps(tx, roundID, mentorApp, menteeApp)
		if err != nil {
			return err
		}
		var told int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM mentoring_pairs WHERE mentee_app = ? AND status IN ('published', 'accepted')`, menteeApp).Scan(&told); err != nil {
			return fmt.Errorf("store: pair rule: %w", err)
		}
		if told > 0 {
			return domain.FieldErr(domain.Conflict, "mentee_application_id", "mentoring.mentee_told", nil)
		}
		if kind == RulePin {
			if err := checkPin(tx, &prog, &r, &mentor, &mentee); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`DELETE FROM mentoring_pair_rules WHERE round_id = ? AND mentor_app = ? AND mentee_app = ?`, roundID, mentorApp, menteeApp); err != nil {
			return fmt.Errorf("store: pair rule: %w", err)
		}
		switch kind {
		case RulePin:
			// one pin a mentee: a new pin replaces the mentee's other pins, and its proposed pair
			if _, err := tx.Exec(`DELETE FROM mentoring_pair_rules WHERE round_id = ? AND mentee_app = ? AND kind = 'pin'`, roundID, menteeApp); err != nil {
				return fmt.Errorf("store: pair rule: %w", err)
			}
			if _, err := tx.Exec(`DELETE FROM mentoring_pairs WHERE mentee_app = ? AND status = 'proposed'`, menteeApp); err != nil {
				return fmt.Errorf("store: pair rule: %w", err)
			}
			pm, pe := mentor.Profile(&r), mentee.Profile(&r)
			if _, err := tx.Exec(`INSERT INTO mentoring_pairs (round_id, mentor_app, mentee_app, fit, pinned, status, created_at) VALUES (?, ?, ?, ?, ?, 'proposed', ?)`,
				roundID, mentorApp, menteeApp, domain.PairFit(&prog, &pm, &pe), true, s.now().Unix()); err != nil {
				return fmt.Errorf("store: pair rule: %w", err)
			}
		case RuleForbid:
			if _, err := tx.Exec(`DELETE FROM mentoring_pairs WHERE mentor_app = ? AND mentee_app = ? AND status = 'proposed'`, mentorApp, menteeApp); err != nil {
				return fmt.Errorf("store: pair rule: %w", err)
			}
		case "":
			if _, err := tx.Exec(`UPDATE mentoring_pairs SET pinned = ? WHERE mentor_app = ? AND mentee_app = ? AND status = 'proposed'`, false, mentorApp, menteeApp); err != nil {
				return fmt.Errorf("store: pair rule: %w", err)
			}
		}
		if kind != "" {
			if _, err := tx.Exec(`INSERT INTO mentoring_pair_rules (round_id, mentor_app, mentee_app, kind, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
				roundID, mentorApp, menteeApp, kind, actorID, s.now().Unix()); err != nil {
				return fmt.Errorf("store: pair rule: %w", err)
			}
		}
		return s.audit(tx, actorID, "mentoring.pair_rule", "mentoring_round", roundID,
			map[string]any{"mentor_application_id": mentorApp, "mentee_application_id": menteeApp, "kind": kind})
	})
}

// checkPin refuses a pin of mentor and mentee that breaks a hard rule, that either declined
// before, or that would take the mentor past their capacity.
func checkPin(tx *Tx, prog *domain.MentoringProgramme, r *domain.MentoringRound, mentor, mentee *domain.MentoringApplication) error {
	pm, pe := mentor.Profile(r), mentee.Profile(r)
	if rule := domain.PairRule(prog, &pm, &pe); rule != "" {
		return domain.FieldErr(domain.Invalid, "mentee_application_id", "mentoring.rule."+rule, nil)
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM mentoring_declines WHERE mentor_user = ? AND mentee_user = ?`, mentor.UserID, mentee.UserID).Scan(&n); err != nil {
		return fmt.Errorf("store: pin: %w", err)
	}
	if n > 0 {
		return domain.FieldErr(domain.Invalid, "mentee_application_id", "mentoring.rule."+domain.UnmatchedRefused, nil)
	}
	// the mentor's places held: pairs told and not declined, and pins of other mentees
	if err := tx.QueryRow(`SELECT COUNT(*) FROM mentoring_pairs WHERE mentor_app = ? AND mentee_app <> ? AND (status IN ('published', 'accepted') OR (status = 'proposed' AND pinned))`,
		mentor.ID, mentee.ID).Scan(&n); err != nil {
		return fmt.Errorf("store: pin: %w", err)
	}
	if n >= mentor.Capacity {
		return domain.FieldErr(domain.Conflict, "mentor_application_id", "mentoring.mentor_full", map[string]any{"n": mentor.Capacity})
	}
	return nil
}

func scanProgramme(row interface{ Scan(...any) error }) (domain.MentoringProgramme, error) {
	var p domain.MentoringProgramme
	err := row.Scan(programmeTable.scanInto(&p)...)
	return p, err
}

// MatchRun is what a run of the match did.
type MatchRun struct {
	Pairs     int   // pairs made by this run
	Kept      int   // pairs that stayed: pinned, or told and not declined
	Unmatched int   // mentees left without a mentor
	TotalFit  int64 // of the pairs made
}

// runLease is how long a run of the match holds its round; a run that died is overtaken after it.
const runLease = 10 * time.Minute

// RunMatch matches roundID's mentees to its mentors (domain.MatchRound), by actorID, once its
// window has closed. The pairs it proposed before, not pinned, make way for the new ones; pinned
// pairs and pairs told to both and not declined stay. Two runs never interleave: a run first
// takes the round (a token in the row, in its own short transaction), computes outside any
// transaction, so that signups go on meanwhile, and writes its pairs only if it still holds the
// round; a second run while one holds it is refused (conflict, mentoring.match_running).
func (s *Store) RunMatch(ctx context.Context, actorID, roundID int64) (MatchRun, error) {
	var run MatchRun
	token, err := s.takeRound(ctx, roundID)
	if err != nil {
		return run, err
	}
	written := false
	defer func() {
		if !written { // give the round back; a failure here leaves it to the lease
			s.write(context.WithoutCancel(ctx), func(tx *Tx) error { // #nosec G104 -- best effort: the lease frees the round anyway
				_, err := tx.Exec(`UPDATE mentoring_rounds SET run_token = 0, run_since = 0 WHERE id = ? AND run_token = ?`, roundID, token)
				return err
			})
		}
	}()
	in, err := s.matchInput(ctx, roundID)
	if err != nil {
		return run, err
	}
	out, err := domain.MatchRound(in)
	if err != nil {
		return run, err
	}
	run = MatchRun{Pairs: len(out.Pairs), Kept: len(in.Kept), Unmatched: len(out.Unmatched), TotalFit: out.TotalFit}
	now := s.now().Unix()
	err = s.write(ctx, func(tx *Tx) error {
		var held int64
		if err := tx.QueryRow(`SELECT run_token FROM mentoring_rounds WHERE id = ?`+tx.forUpdate(""), roundID).Scan(&held); err != nil {
			return fmt.Errorf("store: match: %w", err)
		}
		if held != token {
			return domain.Errorf(domain.Conflict, "mentoring.match_running", nil)
		}
		if _, err := tx.Exec(`DELETE FROM mentoring_pairs WHERE round_id = ? AND status = 'proposed' AND NOT pinned`, roundID); err != nil {
			return fmt.Errorf("store: match: %w", err)
		}
		for _, p := range out.Pairs {
			if _, err := tx.Exec(`INSERT INTO mentoring_pairs (round_id, mentor_app, mentee_app, fit, pinned, status, created_at) VALUES (?, ?, ?, ?, ?, 'proposed', ?)`,
				roundID, p.Mentor, p.Mentee, p.Fit, false, now); err != nil {
				return fmt.Errorf("store: match: pair: %w", err)
			}
		}
		if _, err := tx.Exec(`UPDATE mentoring_applications SET unmatched = '' WHERE round_id = ? AND unmatched <> ''`, roundID); err != nil {
			return fmt.Errorf("store: match: %w", err)
		}
		for id, reason := range out.Unmatched {
			if _, err := tx.Exec(`UPDATE mentoring_applications SET unmatched = ? WHERE id = ?`, reason, id); err != nil {
				return fmt.Errorf("store: match: %w", err)
			}
		}
		if _, err := tx.Exec(`UPDATE mentoring_rounds SET matched_at = ?, run_token = 0, run_since = 0 WHERE id = ?`, now, roundID); err != nil {
			return fmt.Errorf("store: match: %w", err)
		}
		written = true
		return s.audit(tx, actorID, "mentoring.match", "mentoring_round", roundID,
			map[string]any{"pairs": run.Pairs, "kept": run.Kept, "unmatched": run.Unmatched, "total_fit": run.TotalFit})
	})
	if err != nil {
		written = false
	}
	return run, err
}

// takeRound takes roundID for one run of the match and returns its token: refused while the
// window is open (conflict, mentoring.window_open) or while another run holds the round.
func (s *Store) takeRound(ctx context.Context, roundID int64) (int64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("store: match: token: %w", err)
	}
	token := int64(binary.BigEndian.Uint64(b[:])>>1) | 1 // never 0
	now := s.now()
	err := s.write(ctx, func(tx *Tx) error {
		r, err := mentoringRound(tx, roundID)
		if err != nil {
			return err
		}
		if now.Before(r.ClosesAt) {
			return domain.Errorf(domain.Conflict, "mentoring.window_open", nil)
		}
		res, err := tx.Exec(`UPDATE mentoring_rounds SET run_token = ?, run_since = ? WHERE id = ? AND (run_token = 0 OR run_since < ?)`,
			token, now.Unix(), roundID, now.Add(-runLease).Unix())
		if err != nil {
			return fmt.Errorf("store: match: take the round: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: match: take the round: %w", err)
		} else if n == 0 {
			return domain.Errorf(domain.Conflict, "mentoring.match_running", nil)
		}
		return nil
	})
	return token, err
}

// matchInput reads what the match of roundID needs.
func (s *Store) matchInput(ctx context.Context, roundID int64) (domain.MatchInput, error) {
	var in domain.MatchInput
	r, err := s.MentoringRound(ctx, roundID)
	if err != nil {
		return in, err
	}
	prog, err := s.MentoringProgramme(ctx, r.ProgrammeID)
	if err != nil {
		return in, err
	}
	in.Programme, in.Round = &prog, &r
	apps, err := s.MentoringApplications(ctx, roundID)
	if err != nil {
		return in, err
	}
	userOf := map[int64]int64{}
	for _, a := range apps {
		userOf[a.ID] = a.UserID
		if a.Role == domain.RoleMentor {
			in.Mentors = append(in.Mentors, a)
		} else {
			in.Mentees = append(in.Mentees, a)
		}
	}
	q := s.read(ctx)
	rows, err := q.Query(`SELECT mentor_app, mentee_app FROM mentoring_pairs WHERE round_id = ? AND (status IN ('published', 'accepted') OR (status = 'proposed' AND pinned)) ORDER BY id`, roundID)
	if err != nil {
		return in, fmt.Errorf("store: match: kept pairs: %w", err)
	}
	for rows.Next() {
		var k domain.PairKey
		if err := rows.Scan(&k.Mentor, &k.Mentee); err != nil {
			rows.Close()
			return in, fmt.Errorf("store: match: kept pairs: %w", err)
		}
		in.Kept = append(in.Kept, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, fmt.Errorf("store: match: kept pairs: %w", err)
	}
	in.Refused = map[domain.PairKey]bool{}
	rules, err := pairRules(q, roundID)
	if err != nil {
		return in, err
	}
	for _, rule := range rules {
		if rule.Kind == RuleForbid {
			in.Refused[rule.PairKey] = true
		}
	}
	// declines are between people: every pair of this round's applications of two people who
	// declined each other before
	rows, err = q.Query(`SELECT a.id, b.id FROM mentoring_declines d
		JOIN mentoring_applications a ON a.user_id = d.mentor_user AND a.round_id = ? AND a.role = 'mentor'
		JOIN mentoring_applications b ON b.user_id = d.mentee_user AND b.round_id = ? AND b.role = 'mentee'`, roundID, roundID)
	if err != nil {
		return in, fmt.Errorf("store: match: declines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k domain.PairKey
		if err := rows.Scan(&k.Mentor, &k.Mentee); err != nil {
			return in, fmt.Errorf("store: match: declines: %w", err)
		}
		in.Refused[k] = true
	}
	return in, rows.Err()
}

// PublishMatch tells both sides of every proposed pair of roundID, by actorID: the pairs become
// published and each side gets a mail in their language with a link to answer. It returns how
// many pairs were told; none is a conflict (mentoring.nothing_to_publish).
func (s *Store) PublishMatch(ctx context.Context, actorID, roundID int64) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *Tx) error {
		n = 0
		r, err := mentoringRound(tx, roundID)
		if err != nil {
			return err
		}
		prog, err := scanProgramme(tx.QueryRow(`SELECT `+programmeColumns+programmeFrom+` WHERE p.id = ?`, r.ProgrammeID))
		if err != nil {
			return fmt.Errorf("store: publish: %w", err)
		}
		rows, err := tx.Query(`SELECT p.id, mu.id, mu.email, mu.name, mu.locale, eu.id, eu.email, eu.name, eu.locale
			FROM mentoring_pairs p
			JOIN mentoring_applications ma ON ma.id = p.mentor_app JOIN users mu ON mu.id = ma.user_id
			JOIN mentoring_applications ea ON ea.id = p.mentee_app JOIN users eu ON eu.id = ea.user_id
			WHERE p.round_id = ? AND p.status = 'proposed' ORDER BY p.id`, roundID)
		if err != nil {
			return fmt.Errorf("store: publish: %w", err)
		}
		type side struct {
			id                  int64
			email, name, locale string
		}
		type told struct {
			pair           int64
			mentor, mentee side
		}
		var all []told
		for rows.Next() {
			var t told
			if err := rows.Scan(&t.pair, &t.mentor.id, &t.mentor.email, &t.mentor.name, &t.mentor.locale,
				&t.mentee.id, &t.mentee.email, &t.mentee.name, &t.mentee.locale); err != nil {
				rows.Close()
				return fmt.Errorf("store: publish: %w", err)
			}
			all = append(all, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: publish: %w", err)
		}
		if len(all) == 0 {
			return domain.Errorf(domain.Conflict, "mentoring.nothing_to_publish", nil)
		}
		now := s.now().Unix()
		for _, t := range all {
			if _, err := tx.Exec(`UPDATE mentoring_pairs SET status = 'published', published_at = ? WHERE id = ?`, now, t.pair); err != nil {
				return fmt.Errorf("store: publish: %w", err)
			}
			for _, to := range []struct {
				who, partner side
				role         string
			}{{t.mentor, t.mentee, domain.RoleMentor}, {t.mentee, t.mentor, domain.RoleMentee}} {
				if err := s.enqueueMail(tx, to.who.id, domain.Mail{Kind: domain.MailMentoringMatch, To: to.who.email, Name: to.who.name,
					Locale: to.who.locale, Texts: map[string]domain.Text{"programme": prog.Name, "round": r.Name},
					Params:    map[string]string{"partner": to.partner.name},
					ParamKeys: map[string]string{"as": "mentoring.as_" + to.role},
					Link:      "/me/mentoring"}); err != nil {
					return err
				}
			}
		}
		n = len(all)
		if _, err := tx.Exec(`UPDATE mentoring_rounds SET published_at = ? WHERE id = ? AND published_at = 0`, now, roundID); err != nil {
			return fmt.Errorf("store: publish: %w", err)
		}
		return s.audit(tx, actorID, "mentoring.publish", "mentoring_round", roundID, map[string]any{"pairs": n})
	})
	return n, err
}

// AnswerPair records userID's answer to pair pairID: accept or decline. Only its mentor and its
// mentee answer, once each, while it waits (published). When both accept it is accepted; a
// decline by either ends it at once, frees the mentee for the next run and keeps the two from
// being paired again.
func (s *Store) AnswerPair(ctx context.Context, userID, pairID int64, accept bool) (string, error) {
	status := ""
	err := s.write(ctx, func(tx *Tx) error {
		var p struct {
			status, mentorAnswer, menteeAnswer string
			mentorUser, menteeUser, roundID    int64
		}
		err := tx.QueryRow(`SELECT p.status, p.mentor_answer, p.mentee_answer, ma.user_id, ea.user_id, p.round_id FROM mentoring_pairs p
			JOIN mentoring_applications ma ON ma.id = p.mentor_app JOIN mentoring_applications ea ON ea.id = p.mentee_app
			WHERE p.id = ?`+tx.forUpdate("p"), pairID).Scan(&p.status, &p.mentorAnswer, &p.menteeAnswer, &p.mentorUser, &p.menteeUser, &p.roundID)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && userID != p.mentorUser && userID != p.menteeUser) || (err == nil && p.status == PairProposed) {
			return domain.Errorf(domain.NotFound, "not_found.mentoring_pair", nil)
		}
		if err != nil {
			return fmt.Errorf("store: answer pair: %w", err)
		}
		column, mine := "mentor_answer", &p.mentorAnswer
		if userID == p.menteeUser {
			column, mine = "mentee_answer", &p.menteeAnswer
		}
		if p.status != PairPublished || *mine != "" {
			return domain.Errorf(domain.Conflict, "mentoring.answered", nil)
		}
		*mine = PairDeclined
		if accept {
			*mine = PairAccepted
		}
		status = PairPublished
		switch {
		case !accept:
			status = PairDeclined
		case p.mentorAnswer == PairAccepted && p.menteeAnswer == PairAccepted:
			status = PairAccepted
		}
		if _, err := tx.Exec(`UPDATE mentoring_pairs SET `+column+` = ?, status = ?, answered_at = ? WHERE id = ?`, *mine, status, s.now().Unix(), pairID); err != nil {
			return fmt.Errorf("store: answer pair: %w", err)
		}
		if status == PairDeclined {
			if _, err := tx.Exec(`INSERT INTO mentoring_declines (mentor_user, mentee_user, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				p.mentorUser, p.menteeUser, s.now().Unix()); err != nil {
				return fmt.Errorf("store: answer pair: %w", err)
			}
		}
		return s.audit(tx, userID, "mentoring.answer", "mentoring_pair", pairID, map[string]any{"accept": accept, "round_id": p.roundID})
	})
	return status, err
}

// MentoringApplicationsOf lists userID's applications, the newest first.
func (s *Store) MentoringApplicationsOf(ctx context.Context, userID int64) ([]domain.MentoringApplication, error) {
	list, err := mentoringApplications(s.read(ctx), `a.user_id = ?`, userID)
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list, err
}

// MentoringPair is the pair id with both applications, not found when there is none.
func (s *Store) MentoringPair(ctx context.Context, id int64) (MentoringPair, error) {
	ps, err := s.mentoringPairs(ctx, `p.id = ?`, id)
	if err != nil {
		return MentoringPair{}, err
	}
	if len(ps) == 0 {
		return MentoringPair{}, domain.Errorf(domain.NotFound, "not_found.mentoring_pair", nil)
	}
	return ps[0], nil
}
