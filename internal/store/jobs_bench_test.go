package store_test

import (
	"fmt"
	"testing"
	"time"

	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// BenchmarkClaimJobs measures one claim of 10 jobs, a transaction of its own, from a backlog of
// 100,000 due jobs, as a flash crowd leaves its mails, beside a baseline measured in the same run:
// the same from a backlog of 100. A claim that gathers and sorts every due job grows with the
// backlog; one that reads its index in order does not.
//
//	go test -run '^$' -bench ClaimJobs -benchtime 200x ./internal/store/
func BenchmarkClaimJobs(b *testing.B) {
	for _, engine := range storetest.Engines() {
		for _, backlog := range []int{100, 100000} {
			name := fmt.Sprintf("%s/backlog-%d", engine, backlog)
			if backlog == 100 {
				name += "-baseline"
			}
			b.Run(name, func(b *testing.B) {
				s := storetest.Open(b, engine, store.Options{})
				due := time.Now().Add(-time.Hour).Unix()
				err := s.WriteForTest(ctx, func(tx *store.Tx) error {
					for i := range backlog + 10*b.N {
						if _, err := tx.Exec(`INSERT INTO jobs (kind, payload, user_id, run_at, max_attempts, created_at) VALUES ('mail', '{}', 0, ?, 5, ?)`,
							due+int64(i), due); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for range b.N {
					jobs, err := s.ClaimJobs(ctx, "bench", 10, time.Minute)
					if err != nil || len(jobs) != 10 {
						b.Fatalf("claimed %d: %v", len(jobs), err)
					}
				}
			})
		}
	}
}
