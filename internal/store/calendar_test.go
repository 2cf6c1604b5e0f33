package store_test

import (
	"fmt"
	"testing"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// A calendar address is shown again to its owner; one made before its secret was kept (hash only,
// migration 0024) still serves its feed, and shows no address until renewed.
func TestCalendarFeedIsReadableAgainAndOldOnesWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := &fixture{s: s}
		people := f.users(t, 2, "1990-01-01")
		me, other := people[0], people[1]
		if feed, err := s.CalendarFeed(ctx, me.ID); err != nil || !feed.Since.IsZero() || feed.Token != "" {
			t.Fatalf("no feed yet: %+v %v", feed, err)
		}
		token, err := s.RenewCalendarFeed(ctx, me.ID)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := s.CalendarFeed(ctx, me.ID)
		if err != nil || feed.Token != token || feed.Since.IsZero() {
			t.Fatalf("the feed read again: %+v %v", feed, err)
		}
		if u, err := s.UserByCalendarFeed(ctx, token); err != nil || u.ID != me.ID {
			t.Fatalf("the feed's owner: %d %v", u.ID, err)
		}
		if feed, _ := s.CalendarFeed(ctx, other.ID); feed.Token != "" {
			t.Fatal("another person sees my address")
		}
		again, err := s.RenewCalendarFeed(ctx, me.ID)
		if err != nil || again == token {
			t.Fatalf("renewed: %q %v", again, err)
		}
		if feed, _ := s.CalendarFeed(ctx, me.ID); feed.Token != again {
			t.Fatalf("after renewal the page shows %q", feed.Token)
		}
		if _, err := s.UserByCalendarFeed(ctx, token); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("the old address: %v", err)
		}

		// a feed as erikti stored it before: the hash alone
		old, hash, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ExecForTest(ctx, fmt.Sprintf(`INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (%d, '%s', 1700000000)`, other.ID, hash)); err != nil {
			t.Fatal(err)
		}
		if feed, err := s.CalendarFeed(ctx, other.ID); err != nil || feed.Token != "" || feed.Since.IsZero() {
			t.Fatalf("an old feed: %+v %v", feed, err)
		}
		if u, err := s.UserByCalendarFeed(ctx, old); err != nil || u.ID != other.ID {
			t.Fatalf("an old feed still serves: %d %v", u.ID, err)
		}
	})
}
