// Package pdftext reads a PDF's text back for tests, with poppler's pdftotext: a real PDF reader
// that is not the library that wrote it.
package pdftext

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// Text is the text of pdf as pdftotext reads it (lines end where the layout wraps them). Without
// pdftotext the test is skipped, unless the run requires the browser or PostgreSQL (as CI's
// does): then it fails, so that CI never skips it.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ERIKTI_REQUIRE_BROWSER") != "" || os.Getenv("ERIKTI_REQUIRE_POSTGRES") != "" {
			t.Fatalf("pdftotext (Debian's poppler-utils) is required: %v; run scripts/setup-browser.sh", err)
		}
		t.Skip("no pdftotext (Debian's poppler-utils); scripts/setup-browser.sh installs it")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-") // #nosec G204 -- bin is pdftotext found on PATH by the tests; the arguments are constants
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return out.String()
}
