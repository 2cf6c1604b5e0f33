package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// After the match: an accepted pair logs its meetings, and at the end of its round each side
// gives its feedback once.

// Limits on meetings and feedback.
const (
	MinMeetingMinutes = 15
	MaxMeetingMinutes = 8 * 60
	MaxTopicLen       = 200
	MaxFeedbackLen    = 1000
	// MeetingGrace is how long after a round's weeks are over its pairs may still log a meeting
	// held within them.
	MeetingGrace = 14 * 24 * time.Hour
)

// MentoringMeeting is one meeting of a pair.
type MentoringMeeting struct {
	ID          int64     `json:"id"`
	PairID      int64     `json:"pair_id"`
	HeldAt      time.Time `json:"held_at"`
	Minutes     int       `json:"minutes"`
	Topic       string    `json:"topic"`
	Online      bool      `json:"online"`
	PublicPlace bool      `json:"public_place"` // in person, in a public place
	LoggedBy    int64     `json:"logged_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// RoundEnds is when a round's pairs have met for its weeks, counted from the matching date.
func (r MentoringRound) RoundEnds() time.Time { return r.MatchOn.AddDate(0, 0, 7*r.Weeks) }

// Validate checks a meeting of a pair of round r, told to its two at told, logged at now: held
// after the pair was told and not in the future, and within the round's weeks (a pair logs up to
// MeetingGrace after them); 15 minutes to 8 hours; a topic of one line; with a minor mentee, online
// or in a public place.
func (m *MentoringMeeting) Validate(r MentoringRound, told time.Time, minorMentee bool, now time.Time) error {
	var p Problems
	switch {
	case m.HeldAt.IsZero():
		p.Add("held_at", "field.required", nil)
	case m.HeldAt.After(now):
		p.Add("held_at", "mentoring.meeting_future", nil)
	case m.HeldAt.Before(told.Truncate(time.Minute)) || m.HeldAt.After(r.RoundEnds()): // forms give minutes
		p.Add("held_at", "mentoring.meeting_outside", map[string]any{"from": told.Format(time.DateOnly), "until": r.RoundEnds().Format(time.DateOnly)})
	}
	if now.After(r.RoundEnds().Add(MeetingGrace)) && !p.Has("held_at") {
		p.Add("held_at", "mentoring.meeting_late", nil)
	}
	if m.Minutes < MinMeetingMinutes || m.Minutes > MaxMeetingMinutes {
		p.Add("minutes", "field.range", map[string]any{"min": MinMeetingMinutes, "max": MaxMeetingMinutes})
	}
	m.Topic = strings.TrimSpace(m.Topic)
	CheckLine(&p, "topic", m.Topic, 1, MaxTopicLen)
	if m.Online {
		m.PublicPlace = false
	} else if minorMentee && !m.PublicPlace {
		p.Add("public_place", "mentoring.minor_public_place", nil)
	}
	return p.Err()
}

// MentoringFeedback is one side's word on their pair at the end of the round.
type MentoringFeedback struct {
	PairID    int64     `json:"pair_id"`
	UserID    int64     `json:"user_id"`
	Rating    int       `json:"rating"` // 1 to 5
	Comment   string    `json:"comment"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks feedback on a pair of round r at now: once the round's weeks are over, a rating
// of 1 to 5 and a comment of at most MaxFeedbackLen characters.
func (f *MentoringFeedback) Validate(r MentoringRound, now time.Time) error {
	var p Problems
	if now.Before(r.RoundEnds()) {
		p.Add("rating", "mentoring.feedback_early", map[string]any{"date": r.RoundEnds().Format(time.DateOnly)})
	} else if f.Rating < 1 || f.Rating > 5 {
		p.Add("rating", "field.range", map[string]any{"min": 1, "max": 5})
	}
	f.Comment = strings.TrimSpace(f.Comment)
	if utf8.RuneCountInString(f.Comment) > MaxFeedbackLen {
		p.Add("comment", "field.too_long", map[string]any{"max": MaxFeedbackLen})
	} else if f.Comment != "" {
		CheckText(&p, "comment", f.Comment, 0, MaxFeedbackLen)
	}
	return p.Err()
}

// RoundFigures are what a round of a programme came to.
type RoundFigures struct {
	RoundID   int64   `json:"round_id"`
	Name      Text    `json:"name"`
	Mentors   int     `json:"mentors"`   // applications
	Mentees   int     `json:"mentees"`   // applications
	Pairs     int     `json:"pairs"`     // accepted by both
	Declined  int     `json:"declined"`  // pairs one side declined
	Meetings  int     `json:"meetings"`  // held by the accepted pairs
	Minutes   int     `json:"minutes"`   // of those meetings
	Completed int     `json:"completed"` // accepted pairs both of whose sides gave their feedback
	Ratings   int     `json:"ratings"`   // feedback given
	Rating    float64 `json:"average_rating"`
}

// CompletionRate is the share of accepted pairs that completed, 0 to 1 (0 without pairs).
func (f RoundFigures) CompletionRate() float64 {
	if f.Pairs == 0 {
		return 0
	}
	return float64(f.Completed) / float64(f.Pairs)
}
