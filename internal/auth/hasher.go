package auth

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// ErrBusy is the error of a hash that found no room in its Hasher's memory budget in time.
var ErrBusy = errors.New("auth: the password hashing budget is in use")

// Hasher computes argon2id hashes within a memory budget. Each hash holds its cost in memory
// (19 MiB by default) for as long as it runs, so a burst of sign-ins would otherwise grow the
// process by that much per request: a hash waits, in arrival order, until the hashes already
// running leave room for its memory, and gives up with ErrBusy after the wait. A hash that alone
// needs more than the budget waits for the whole budget.
type Hasher struct {
	params   Params
	budget   int64 // KiB
	sem      *semaphore.Weighted
	wait     time.Duration
	computed atomic.Int64 // argon2 computations done, for tests and metrics
}

// NewHasher returns a hasher writing new hashes with p, running at most budget bytes of hashes at
// once (at least one hash of p), each waiting at most wait for its turn.
func NewHasher(p Params, budget int64, wait time.Duration) *Hasher {
	kib := max(budget/1024, int64(p.Memory))
	return &Hasher{params: p, budget: kib, sem: semaphore.NewWeighted(kib), wait: wait}
}

// Params are the costs new hashes are written with.
func (h *Hasher) Params() Params { return h.params }

// Slots is how many hashes of the hasher's own cost run at once.
func (h *Hasher) Slots() int64 { return h.budget / int64(h.params.Memory) }

// Computed is how many argon2 computations the hasher has run.
func (h *Hasher) Computed() int64 { return h.computed.Load() }

// run calls f once memory KiB of the budget are free, or returns ErrBusy after the wait (or the
// context's error when it ends first).
func (h *Hasher) run(ctx context.Context, memory uint32, f func()) error {
	n := min(int64(memory), h.budget)
	wctx, cancel := context.WithTimeout(ctx, h.wait)
	defer cancel()
	if err := h.sem.Acquire(wctx, n); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("auth: waiting to hash: %w", ctx.Err())
		}
		return ErrBusy
	}
	defer h.sem.Release(n)
	h.computed.Add(1)
	f()
	return nil
}

// Hash returns a PHC-format argon2id hash of password with a random salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	var hash string
	var err error
	if rerr := h.run(ctx, h.params.Memory, func() { hash, err = HashPassword(password, h.params) }); rerr != nil {
		return "", rerr
	}
	return hash, err
}

// Check reports whether password matches hash (see CheckPassword). A hash erikti could not have
// written matches nothing and costs nothing.
func (h *Hasher) Check(ctx context.Context, password, hash string) (bool, error) {
	p, salt, want, ok := parseHash(hash)
	if !ok {
		return false, nil
	}
	var match bool
	if err := h.run(ctx, p.Memory, func() { match = matches(password, p, salt, want) }); err != nil {
		return false, err
	}
	return match, nil
}
