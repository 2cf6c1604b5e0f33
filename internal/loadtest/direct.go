package loadtest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// runDirect is the second baseline of the flash crowd: the same signups — the same store code, so
// the same SQL statements in the same transactions — made by K goroutines straight on the
// database, without HTTP, for a shift of its own with the same places and volunteers of its own,
// measured in the same run. Beside it, the HTTP run's rate tells what the web layer costs; on
// PostgreSQL it is the bare-SQL loop of the same statements. The server is stopped by then, so
// that nothing else writes.
func runDirect(ctx context.Context, cfg Config, st *store.Store, fx *fixture) (Stats, []string) {
	key := strconv.FormatInt(time.Now().UnixNano(), 36)
	next := counter(len(fx.direct))
	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	began := time.Now()
	for range cfg.Clients {
		wg.Go(func() {
			var mine []sample
			for i, ok := next(); ok && ctx.Err() == nil; i, ok = next() {
				t0 := time.Now()
				s := sample{i: i, start: t0.Sub(began), status: 201}
				sg, _, err := st.SignUp(ctx, store.SignupRequest{ShiftID: fx.directShift, UserID: fx.direct[i].id,
					IdempotencyKey: "direct-" + key + "-" + strconv.Itoa(i)})
				s.latency = time.Since(t0)
				if err != nil {
					s.status, s.err = 500, err.Error()
					var de *domain.Error
					if errors.As(err, &de) {
						s.status = 409
					}
				}
				s.id, s.state, s.position = sg.ID, string(sg.Status), sg.WaitlistPosition
				mine = append(mine, s)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	stats := summarize(all, time.Since(began).Seconds())
	var problems []string
	sh, _, err := st.Shift(ctx, fx.directShift)
	switch {
	case err != nil:
		problems = append(problems, "the direct baseline's shift: "+err.Error())
	case sh.Confirmed != min(len(fx.direct), sh.Capacity) || sh.Confirmed+sh.Waitlisted != len(fx.direct)-stats.Errors:
		problems = append(problems, fmt.Sprintf("the direct baseline's shift holds %d confirmed and %d waitlisted for %d signups",
			sh.Confirmed, sh.Waitlisted, len(fx.direct)))
	}
	return stats, problems
}
