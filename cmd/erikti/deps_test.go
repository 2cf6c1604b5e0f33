package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The server binary carries only what serving needs: the load generator (internal/loadtest) and
// its HTTP client (fasthttp, and the compressors it brings) live in cmd/erikti-loadtest.
func TestServerBinaryCarriesNoLoadGenerator(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "erikti/cmd/erikti").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "erikti/internal/loadtest" || strings.HasPrefix(pkg, "github.com/valyala/") || strings.HasPrefix(pkg, "github.com/klauspost/compress") || strings.HasPrefix(pkg, "github.com/andybalholm/brotli") {
			t.Errorf("erikti imports %s", pkg)
		}
	}
}
