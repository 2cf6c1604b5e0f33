package store_test

import (
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// After the match: an accepted pair with a mentee of 16 logs its meetings (bad ones refused
// naming the field, nothing stored; in person only in a public place), each side gives its
// feedback once when the round is over, and the programme's figures count it all.
func TestMentoringMeetingsAndFeedback(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		prog, r := mentoringRound(t, s, c)
		evenings := []string{"tue_evening"}
		mentor := applicant(t, s, "mentor@example.kz", "1961-01-01", domain.MentoringApplication{RoundID: r.ID, Role: domain.RoleMentor,
			Languages: []string{"kk"}, District: "almaly", Mode: domain.MeetBoth, Themes: []string{"crafts"}, Slots: evenings, Capacity: 1})
		b, _ := domain.ParseDate("2009-06-01") // 16 on the matching date
		teen := domain.User{Email: "teen@example.kz", Name: "Teen", BirthDate: b, Locale: "kk"}
		if err := s.CreateUser(ctx, &teen, "x"); err != nil {
			t.Fatal(err)
		}
		if err := s.GiveGuardianConsent(ctx, teen.ID, "parent@example.kz", "Parent", "demo", false); err != nil {
			t.Fatal(err)
		}
		mentee := domain.MentoringApplication{RoundID: r.ID, UserID: teen.ID, Role: domain.RoleMentee, Languages: []string{"kk"}, District: "almaly",
			Mode: domain.MeetBoth, Themes: []string{"crafts"}, Slots: evenings}
		if err := s.ApplyForMentoring(ctx, &mentee); err != nil {
			t.Fatal(err)
		}
		stranger := newUser(t, s, "stranger@example.kz")
		c.add(10 * 24 * time.Hour)
		if err := s.VerifyMentor(ctx, 1, mentor.ID, true); err != nil {
			t.Fatal(err)
		}
		if run, err := s.RunMatch(ctx, 1, r.ID); err != nil || run.Pairs != 1 {
			t.Fatalf("the match: %+v %v", run, err)
		}
		if _, err := s.PublishMatch(ctx, 1, r.ID); err != nil {
			t.Fatal(err)
		}
		told := c.now()
		pairs, _ := s.MentoringPairs(ctx, r.ID)
		pair := pairs[0].ID
		meeting := func(at time.Time, minutes int, topic string, online, public bool) *domain.MentoringMeeting {
			return &domain.MentoringMeeting{PairID: pair, HeldAt: at, Minutes: minutes, Topic: topic, Online: online, PublicPlace: public}
		}
		c.add(24 * time.Hour)
		if err := s.LogMeeting(ctx, teen.ID, meeting(c.now().Add(-time.Hour), 60, "Кесте", true, false)); domain.ErrorCode(err) != domain.Conflict {
			t.Fatalf("a meeting of a pair not yet accepted: %v", err)
		}
		for _, who := range []int64{mentor.UserID, teen.ID} {
			if _, err := s.AnswerPair(ctx, who, pair, true); err != nil {
				t.Fatal(err)
			}
		}
		now := c.now()
		for _, bad := range []struct {
			name       string
			m          *domain.MentoringMeeting
			field, key string
		}{
			{"in the future", meeting(now.Add(time.Hour), 60, "Кесте", true, false), "held_at", "mentoring.meeting_future"},
			{"before the pair was told", meeting(told.Add(-time.Hour), 60, "Кесте", true, false), "held_at", "mentoring.meeting_outside"},
			{"ten minutes", meeting(now.Add(-time.Hour), 10, "Кесте", true, false), "minutes", "field.range"},
			{"nine hours", meeting(now.Add(-time.Hour), 540, "Кесте", true, false), "minutes", "field.range"},
			{"no topic", meeting(now.Add(-time.Hour), 60, "  ", true, false), "topic", "field.required"},
			{"a topic of two lines", meeting(now.Add(-time.Hour), 60, "Кесте\nОю", true, false), "topic", "field.control_chars"},
			{"a minor met in private", meeting(now.Add(-time.Hour), 60, "Кесте", false, false), "public_place", "mentoring.minor_public_place"},
		} {
			t.Run(bad.name, func(t *testing.T) {
				wantField(t, s.LogMeeting(ctx, teen.ID, bad.m), domain.Invalid, bad.field, bad.key)
			})
		}
		if err := s.LogMeeting(ctx, stranger.ID, meeting(now.Add(-time.Hour), 60, "Кесте", true, false)); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a stranger logs a meeting: %v", err)
		}
		if ms, err := s.MentoringMeetings(ctx, pair); err != nil || len(ms) != 0 {
			t.Fatalf("refused meetings were stored: %v %v", ms, err)
		}
		if err := s.LogMeeting(ctx, teen.ID, meeting(now.Add(-2*time.Hour), 60, "Кесте: алғашқы сабақ", true, false)); err != nil {
			t.Fatal(err)
		}
		if err := s.LogMeeting(ctx, mentor.UserID, meeting(now.Add(-time.Hour), 90, "Ою-өрнек", false, true)); err != nil {
			t.Fatal(err)
		}
		ms, err := s.MentoringMeetings(ctx, pair)
		if err != nil || len(ms) != 2 || ms[0].Topic != "Ою-өрнек" || ms[0].LoggedBy != mentor.UserID || !ms[0].PublicPlace || !ms[1].Online {
			t.Fatalf("meetings: %+v %v", ms, err)
		}

		// feedback: not before the round's weeks are over; once a person
		fb := func(rating int, comment string) *domain.MentoringFeedback {
			return &domain.MentoringFeedback{PairID: pair, Rating: rating, Comment: comment}
		}
		wantField(t, s.GiveFeedback(ctx, teen.ID, fb(5, "")), domain.Invalid, "rating", "mentoring.feedback_early")
		c.set(r.RoundEnds().Add(time.Hour))
		wantField(t, s.GiveFeedback(ctx, teen.ID, fb(6, "")), domain.Invalid, "rating", "field.range")
		wantField(t, s.GiveFeedback(ctx, teen.ID, fb(0, "")), domain.Invalid, "rating", "field.range")
		if err := s.GiveFeedback(ctx, teen.ID, fb(5, "Көп нәрсе үйрендім")); err != nil {
			t.Fatal(err)
		}
		if err := s.GiveFeedback(ctx, teen.ID, fb(1, "")); domain.ErrorCode(err) != domain.Conflict {
			t.Fatalf("feedback twice: %v", err)
		}
		if err := s.GiveFeedback(ctx, stranger.ID, fb(1, "")); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a stranger's feedback: %v", err)
		}
		if err := s.GiveFeedback(ctx, mentor.UserID, fb(4, "")); err != nil {
			t.Fatal(err)
		}
		c.set(r.RoundEnds().Add(domain.MeetingGrace + time.Hour))
		wantField(t, s.LogMeeting(ctx, teen.ID, meeting(r.RoundEnds().Add(-time.Hour), 60, "Кеш", true, false)), domain.Invalid, "held_at", "mentoring.meeting_late")

		figures, err := s.MentoringFigures(ctx, prog.ID)
		if err != nil || len(figures) != 1 {
			t.Fatalf("figures: %+v %v", figures, err)
		}
		f := figures[0]
		if f.Mentors != 1 || f.Mentees != 1 || f.Pairs != 1 || f.Declined != 0 || f.Meetings != 2 || f.Minutes != 150 || f.Completed != 1 ||
			f.Ratings != 2 || f.Rating != 4.5 || f.CompletionRate() != 1 {
			t.Fatalf("figures: %+v", f)
		}
	})
}
