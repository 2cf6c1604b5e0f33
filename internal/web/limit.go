package web

import (
	"net/http"
	"slices"
	"sync"
	"time"
)

// attempts limits attempts that cost a password check (or send a mail) within a sliding window.
// For sign-in, attempts are counted per (account, address) pair and per address: someone guessing
// a volunteer's password from elsewhere is stopped without locking the volunteer out of their own
// address, and one address cannot try many accounts. An attempt is reserved — checked against the
// limits and counted in one step under the lock — before its password is checked, so that
// concurrent requests cannot all pass the check before any is counted; a right password releases
// its reservation, and a completed sign-in clears its pair. The counts live in this node's memory:
// with several nodes each counts its own.
type attempts struct {
	mu      sync.Mutex
	window  time.Duration
	perPair int
	perAddr int
	seen    map[string][]time.Time // key → attempt times within the window, oldest first
}

func newAttempts(window time.Duration, perPair, perAddr int) *attempts {
	return &attempts{window: window, perPair: perPair, perAddr: perAddr, seen: map[string][]time.Time{}}
}

func pairKey(email, addr string) string { return "p\x00" + email + "\x00" + addr }
func addrKey(addr string) string        { return "a\x00" + addr }

// limit is one count a reservation must stay within.
type limit struct {
	key string
	max int
}

// pairLimits are the counts of email's attempts from addr: the pair's and the address's.
func (a *attempts) pairLimits(email, addr string) []limit {
	return []limit{{pairKey(email, addr), a.perPair}, {addrKey(addr), a.perAddr}}
}

// recent drops the attempts of key older than the window and returns the rest; mu is held.
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

// reservation is an attempt counted ahead of its outcome; release uncounts it.
type reservation struct {
	a    *attempts
	keys []string
	at   time.Time
}

// reserve counts an attempt under every limit at once, unless one of them is reached: then it
// counts nothing and reports how long until the oldest attempt in the way leaves the window.
func (a *attempts) reserve(now time.Time, limits ...limit) (reservation, bool, time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, l := range limits {
		if ts := a.recent(l.key, now); len(ts) >= l.max {
			return reservation{}, false, a.window - now.Sub(ts[len(ts)-l.max])
		}
	}
	if len(a.seen) > 100000 { // a flood of addresses: forget what has expired
		for k := range a.seen {
			a.recent(k, now)
		}
	}
	res := reservation{a: a, at: now}
	for _, l := range limits {
		a.seen[l.key] = append(a.seen[l.key], now)
		res.keys = append(res.keys, l.key)
	}
	return res, true, 0
}

// reservePair reserves a sign-in attempt of email from addr.
func (a *attempts) reservePair(email, addr string, now time.Time) (reservation, bool, time.Duration) {
	return a.reserve(now, a.pairLimits(email, addr)...)
}

// release uncounts the attempt: it turned out not to be a failure. Releasing twice, or a zero
// reservation, does nothing.
func (res *reservation) release() {
	if res.a == nil {
		return
	}
	a := res.a
	res.a = nil
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, k := range res.keys {
		ts := a.seen[k]
		if i := slices.Index(ts, res.at); i >= 0 { // any attempt of the same instant counts the same
			ts = slices.Delete(ts, i, i+1)
		}
		if len(ts) == 0 {
			delete(a.seen, k)
		} else {
			a.seen[k] = ts
		}
	}
}

// succeed clears the attempts of the pair: the sign-in is complete.
func (a *attempts) succeed(email, addr string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.seen, pairKey(email, addr))
}

// clientAddr is the address a request came from, which every rate limit counts and the audit log
// records: the connection's peer, or the client a trusted proxy names (clientOf in client.go).
func clientAddr(r *http.Request) string { return requestClient(r).addr }
