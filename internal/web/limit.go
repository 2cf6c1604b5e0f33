package web

import (
	"net/http"
	"sync"
	"time"
)

// attempts limits failed sign-ins. Failures are counted per (account, address) pair and per
// address: someone guessing a volunteer's password from elsewhere is stopped without locking the
// volunteer out of their own address, and one address cannot try many accounts. A success clears
// its pair. The counts live in this node's memory: with several nodes each counts its own.
type attempts struct {
	mu      sync.Mutex
	window  time.Duration
	perPair int
	perAddr int
	seen    map[string][]time.Time // key → failure times within the window
}

func newAttempts(window time.Duration, perPair, perAddr int) *attempts {
	return &attempts{window: window, perPair: perPair, perAddr: perAddr, seen: map[string][]time.Time{}}
}

func pairKey(email, addr string) string { return "p\x00" + email + "\x00" + addr }
func addrKey(addr string) string        { return "a\x00" + addr }

// recent drops the failures of key older than the window and returns the rest; mu is held.
func (a *attempts) recent(key string, now time.Time) []time.Time {
	ts := a.seen[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= a.window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(a.seen, key)
	} else {
		a.seen[key] = ts
	}
	return ts
}

// blocked reports whether email may not try from addr now, and when it may try again.
func (a *attempts) blocked(email, addr string, now time.Time) (bool, time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, k := range []struct {
		key   string
		limit int
	}{{pairKey(email, addr), a.perPair}, {addrKey(addr), a.perAddr}} {
		if ts := a.recent(k.key, now); len(ts) >= k.limit {
			return true, a.window - now.Sub(ts[len(ts)-k.limit])
		}
	}
	return false, 0
}

// fail counts a failed sign-in.
func (a *attempts) fail(email, addr string, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.seen) > 100000 { // a flood of addresses: forget what has expired
		for k := range a.seen {
			a.recent(k, now)
		}
	}
	for _, k := range []string{pairKey(email, addr), addrKey(addr)} {
		a.seen[k] = append(a.recent(k, now), now)
	}
}

// succeed clears the failures of the pair.
func (a *attempts) succeed(email, addr string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.seen, pairKey(email, addr))
}

// clientAddr is the address a request came from, which every rate limit counts and the audit log
// records: the connection's peer, or the client a trusted proxy names (clientOf in client.go).
func clientAddr(r *http.Request) string { return requestClient(r).addr }
