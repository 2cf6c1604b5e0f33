package images_test

import (
	"bytes"
	"image/jpeg"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"erikti/internal/images"
	"erikti/internal/images/imagestest"
)

// peakHeap samples HeapAlloc every millisecond while fn runs and returns the highest value above
// what was allocated before it.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > peak.Load() {
					peak.Store(m.HeapAlloc)
				}
			}
		}
	}()
	fn()
	close(done)
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// A 12-megapixel photo (4000 x 3000 JPEG) made into every width, beside decoding it alone, in the
// same run: the difference is what scaling and encoding cost over the decoder.
func BenchmarkProcess12MP(b *testing.B) {
	data := imagestest.JPEG(b, 4000, 3000)
	b.Logf("input: %d bytes", len(data))
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		var peak uint64
		for b.Loop() {
			peak = max(peak, peakHeap(func() {
				if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	})
	b.Run("process", func(b *testing.B) {
		b.ReportAllocs()
		var peak uint64
		for b.Loop() {
			peak = max(peak, peakHeap(func() {
				if _, err := images.Process(data); err != nil {
					b.Fatal(err)
				}
			}))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	})
}
