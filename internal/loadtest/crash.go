package loadtest

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Life is one life of the server in the crash scenario: from its start to its SIGKILL (or, for the
// last, its orderly stop).
type Life struct {
	StartSeconds float64 `json:"start_seconds"` // from starting the process to /readyz: recovery included
	Sent         int     `json:"sent"`          // signups sent to it
	Answered     int     `json:"answered"`      // of those, answered (each is final: it is never sent again)
	Replayed     int     `json:"replayed"`      // answered from the idempotency key of a request sent to an earlier life
	NoAnswer     int     `json:"no_answer"`     // in flight at the kill, or refused a connection after it: sent again
	Killed       bool    `json:"killed"`
}

// runCrash sends the flash crowd while it kills the server with SIGKILL cfg.Kills times, each time
// in the middle of the crowd, and starts it again on the same database. A signup that got no
// answer (in flight at the kill, or sent while the server was down) is sent again to the next life
// with the same Idempotency-Key, as a client retries; an answered one never is. It returns each
// volunteer's final answer, which check then holds against the database: every signup answered
// before a kill must be there with the same status and place in line.
func runCrash(ctx context.Context, cfg Config, fx *fixture, rep *Report) ([]sample, error) {
	key := strconv.FormatInt(time.Now().UnixNano(), 36)
	final := make([]sample, len(fx.load))
	pending := make([]int, len(fx.load))
	for i := range pending {
		pending[i], final[i] = i, sample{i: i}
	}
	for life := 0; len(pending) > 0; life++ {
		if life > cfg.Kills+5 {
			rep.Violations = append(rep.Violations, fmt.Sprintf("%d signups still without an answer after %d lives of the server", len(pending), life))
			break
		}
		t0 := time.Now()
		srv, err := startChild(ctx, cfg.Serve(cfg.DB))
		if err != nil {
			return nil, fmt.Errorf("loadtest: life %d: %w", life+1, err)
		}
		l := Life{StartSeconds: time.Since(t0).Seconds(), Killed: life < cfg.Kills}
		// kill once a share of what is left has been sent: the kills spread over the crowd
		killAt := len(pending) / (cfg.Kills - life + 1)
		var sent atomic.Int64
		var kill sync.Once
		next := func() (int, bool) {
			n := int(sent.Add(1) - 1)
			if l.Killed && n == killAt {
				kill.Do(srv.kill)
			}
			if n >= len(pending) {
				return 0, false
			}
			return pending[n], true
		}
		c := newClient(srv.base, cfg.Clients)
		warm(ctx, c, cfg.Clients)
		ph := hammer(ctx, c, cfg.Clients, next, func(i int) (call, string) {
			return signupCall(fx.shiftOf(i), fx.load[i].token, "lt-"+key+"-"+strconv.Itoa(i)), ""
		}, true)
		c.close()
		if l.Killed {
			kill.Do(srv.kill) // the crowd was smaller than its share
			<-srv.done
		} else {
			rep.Memory = srv.memory()
			if err := srv.stop(); err != nil {
				rep.Violations = append(rep.Violations, "the server did not stop cleanly: "+err.Error())
			}
		}
		l.Sent = len(ph.samples)
		left := pending[:0]
		for _, s := range ph.samples {
			if s.status == 0 {
				l.NoAnswer++
				left = append(left, s.i)
				continue
			}
			l.Answered++
			if s.replayed {
				l.Replayed++
			}
			final[s.i] = s
		}
		pending = left
		rep.Lives = append(rep.Lives, l)
		rep.Signups.Requests += l.Sent
		end := "stopped"
		if l.Killed {
			end = "SIGKILL"
		}
		cfg.logf("life %d: up in %.2f s, %d sent, %d answered (%d replayed), %d without an answer, then %s", life+1,
			l.StartSeconds, l.Sent, l.Answered, l.Replayed, l.NoAnswer, end)
	}
	return final, nil
}
