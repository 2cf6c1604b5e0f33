package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"erikti/internal/domain"
)

// Meetings and feedback of mentoring pairs (migration 0029, domain/mentoring_meetings.go).

// pairSides is a pair as its meetings and feedback need it.
type pairSides struct {
	status                 string
	roundID                int64
	mentorUser, menteeUser int64
	menteeBirth            time.Time
	publishedAt            time.Time
}

// acceptedPairOf reads pair pairID for userID, one of its two: not found for anyone else (and
// for a pair not yet told), a conflict (mentoring.pair_not_accepted) unless both accepted it.
func acceptedPairOf(q queryer, pairID, userID int64) (pairSides, domain.MentoringRound, error) {
	var p pairSides
	var published int64
	err := q.QueryRow(`SELECT p.status, p.round_id, ma.user_id, ea.user_id, eu.birth_date, p.published_at FROM mentoring_pairs p
		JOIN mentoring_applications ma ON ma.id = p.mentor_app JOIN mentoring_applications ea ON ea.id = p.mentee_app
		JOIN users eu ON eu.id = ea.user_id WHERE p.id = ?`, pairID).
		Scan(&p.status, &p.roundID, &p.mentorUser, &p.menteeUser, dateDest{&p.menteeBirth}, &published)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (p.status == PairProposed || (userID != p.mentorUser && userID != p.menteeUser))) {
		return p, domain.MentoringRound{}, domain.Errorf(domain.NotFound, "not_found.mentoring_pair", nil)
	}
	if err != nil {
		return p, domain.MentoringRound{}, fmt.Errorf("store: pair %d: %w", pairID, err)
	}
	p.publishedAt = fromUnix(published)
	if p.status != PairAccepted {
		return p, domain.MentoringRound{}, domain.Errorf(domain.Conflict, "mentoring.pair_not_accepted", nil)
	}
	r, err := mentoringRound(q, p.roundID)
	return p, r, err
}

// LogMeeting records m, a meeting of pair m.PairID, logged by userID, one of its two, once both
// accepted the pair: refused naming the field what domain.MentoringMeeting.Validate refuses.
func (s *Store) LogMeeting(ctx context.Context, userID int64, m *domain.MentoringMeeting) error {
	now := s.now().UTC().Truncate(time.Second)
	return s.write(ctx, func(tx *Tx) error {
		p, r, err := acceptedPairOf(tx, m.PairID, userID)
		if err != nil {
			return err
		}
		if err := m.Validate(r, p.publishedAt, domain.AgeOn(p.menteeBirth, r.MatchOn) < domain.AdultAge, now); err != nil {
			return err
		}
		m.LoggedBy, m.CreatedAt = userID, now
		if err := tx.QueryRow(`INSERT INTO mentoring_meetings (pair_id, held_at, minutes, topic, online, public_place, logged_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.PairID, unix(m.HeldAt), m.Minutes, m.Topic, m.Online, m.PublicPlace, userID, unix(now)).Scan(&m.ID); err != nil {
			return fmt.Errorf("store: log meeting: %w", err)
		}
		return s.audit(tx, userID, "mentoring.meeting", "mentoring_pair", m.PairID, map[string]any{"meeting_id": m.ID, "minutes": m.Minutes})
	})
}

// MentoringMeetings lists the meetings of pairID, the latest first.
func (s *Store) MentoringMeetings(ctx context.Context, pairID int64) ([]domain.MentoringMeeting, error) {
	rows, err := s.read(ctx).Query(`SELECT id, pair_id, held_at, minutes, topic, online, public_place, logged_by, created_at
		FROM mentoring_meetings WHERE pair_id = ? ORDER BY held_at DESC, id DESC`, pairID)
	if err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	defer rows.Close()
	var out []domain.MentoringMeeting
	for rows.Next() {
		var m domain.MentoringMeeting
		if err := rows.Scan(&m.ID, &m.PairID, unixDest{&m.HeldAt}, &m.Minutes, &m.Topic, &m.Online, &m.PublicPlace, &m.LoggedBy, unixDest{&m.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: meetings: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// GiveFeedback records f, userID's feedback on their pair f.PairID, once both accepted it and
// its round's weeks are over; once a person (a second is a conflict, mentoring.feedback_given).
func (s *Store) GiveFeedback(ctx context.Context, userID int64, f *domain.MentoringFeedback) error {
	now := s.now().UTC().Truncate(time.Second)
	return s.write(ctx, func(tx *Tx) error {
		_, r, err := acceptedPairOf(tx, f.PairID, userID)
		if err != nil {
			return err
		}
		if err := f.Validate(r, now); err != nil {
			return err
		}
		f.UserID, f.CreatedAt = userID, now
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM mentoring_feedback WHERE pair_id = ? AND user_id = ?`, f.PairID, userID).Scan(&n); err != nil {
			return fmt.Errorf("store: feedback: %w", err)
		}
		if n > 0 {
			return domain.Errorf(domain.Conflict, "mentoring.feedback_given", nil)
		}
		if _, err := tx.Exec(`INSERT INTO mentoring_feedback (pair_id, user_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)`,
			f.PairID, userID, f.Rating, f.Comment, unix(now)); err != nil {
			if isUnique(err) {
				return domain.Errorf(domain.Conflict, "mentoring.feedback_given", nil)
			}
			return fmt.Errorf("store: feedback: %w", err)
		}
		return s.audit(tx, userID, "mentoring.feedback", "mentoring_pair", f.PairID, map[string]any{"rating": f.Rating})
	})
}

// MentoringFeedback lists the feedback given on pairID.
func (s *Store) MentoringFeedback(ctx context.Context, pairID int64) ([]domain.MentoringFeedback, error) {
	rows, err := s.read(ctx).Query(`SELECT pair_id, user_id, rating, comment, created_at FROM mentoring_feedback WHERE pair_id = ? ORDER BY created_at, user_id`, pairID)
	if err != nil {
		return nil, fmt.Errorf("store: feedback: %w", err)
	}
	defer rows.Close()
	var out []domain.MentoringFeedback
	for rows.Next() {
		var f domain.MentoringFeedback
		if err := rows.Scan(&f.PairID, &f.UserID, &f.Rating, &f.Comment, unixDest{&f.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: feedback: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// MentoringFigures counts what each round of programmeID came to, the latest window first:
// applications by side, pairs accepted and declined, the accepted pairs' meetings and their
// minutes, pairs both of whose sides gave feedback, and the ratings given and their mean.
func (s *Store) MentoringFigures(ctx context.Context, programmeID int64) ([]domain.RoundFigures, error) {
	rows, err := s.read(ctx).Query(`SELECT r.id, r.name_kk, r.name_ru, r.name_en,
		(SELECT COUNT(*) FROM mentoring_applications a WHERE a.round_id = r.id AND a.role = 'mentor'),
		(SELECT COUNT(*) FROM mentoring_applications a WHERE a.round_id = r.id AND a.role = 'mentee'),
		(SELECT COUNT(*) FROM mentoring_pairs p WHERE p.round_id = r.id AND p.status = 'accepted'),
		(SELECT COUNT(*) FROM mentoring_pairs p WHERE p.round_id = r.id AND p.status = 'declined'),
		(SELECT COUNT(*) FROM mentoring_meetings m JOIN mentoring_pairs p ON p.id = m.pair_id WHERE p.round_id = r.id AND p.status = 'accepted'),
		(SELECT COALESCE(SUM(m.minutes), 0) FROM mentoring_meetings m JOIN mentoring_pairs p ON p.id = m.pair_id WHERE p.round_id = r.id AND p.status = 'accepted'),
		(SELECT COUNT(*) FROM mentoring_pairs p WHERE p.round_id = r.id AND p.status = 'accepted'
			AND (SELECT COUNT(*) FROM mentoring_feedback f WHERE f.pair_id = p.id) = 2),
		(SELECT COUNT(*) FROM mentoring_feedback f JOIN mentoring_pairs p ON p.id = f.pair_id WHERE p.round_id = r.id),
		(SELECT COALESCE(SUM(f.rating), 0) FROM mentoring_feedback f JOIN mentoring_pairs p ON p.id = f.pair_id WHERE p.round_id = r.id)
		FROM mentoring_rounds r WHERE r.programme_id = ? ORDER BY r.opens_at DESC, r.id DESC`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: mentoring figures: %w", err)
	}
	defer rows.Close()
	var out []domain.RoundFigures
	for rows.Next() {
		var f domain.RoundFigures
		var ratingSum int
		if err := rows.Scan(&f.RoundID, &f.Name.KK, &f.Name.RU, &f.Name.EN, &f.Mentors, &f.Mentees, &f.Pairs, &f.Declined, &f.Meetings, &f.Minutes,
			&f.Completed, &f.Ratings, &ratingSum); err != nil {
			return nil, fmt.Errorf("store: mentoring figures: %w", err)
		}
		if f.Ratings > 0 {
			f.Rating = float64(ratingSum) / float64(f.Ratings)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
