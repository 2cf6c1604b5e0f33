// Package benchmem measures what a benchmark holds in memory at its peak: the live heap, sampled
// every millisecond through runtime/metrics, which stops nothing (runtime.ReadMemStats stops the
// world, and sampling it that often slows what is measured several times over).
package benchmem

import (
	"runtime/metrics"
	"sync"
	"time"
)

// PeakHeap starts sampling the live heap; stop ends it and returns the highest sample in MiB.
func PeakHeap() (stop func() float64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		read()
		return float64(peak) / (1 << 20)
	}
}
