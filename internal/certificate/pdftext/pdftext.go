// Package pdftext reads a PDF's text back for tests, with poppler's pdftotext: a real PDF reader
// that is not the library that wrote it.
package pdftext

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Text is the text of pdf as pdftotext reads it (lines end where the layout wraps them). Without
// pdftotext the test is skipped, unless the run requires the browser or PostgreSQL (as CI's
// does): then it fails, so that CI never skips it.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	bin := tool(t, "pdftotext")
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-") // #nosec G204 -- bin is pdftotext found on PATH by the tests; the arguments are constants
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return out.String()
}

// Pages is the number of pages of pdf as poppler's pdfinfo counts them; skipped or failed
// without pdfinfo as Text is.
func Pages(t testing.TB, pdf []byte) int {
	t.Helper()
	bin := tool(t, "pdfinfo")
	cmd := exec.Command(bin, "-") // #nosec G204 -- bin is pdfinfo found on PATH by the tests; the argument is a constant
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo says no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// PNG renders the first page of pdf with pdftoppm at dpi dots per inch, for a person to look at.
func PNG(t testing.TB, pdf []byte, dpi int) []byte {
	t.Helper()
	bin := tool(t, "pdftoppm")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-png", "-singlefile", "-r", strconv.Itoa(dpi), in, out) // #nosec G204 -- bin is pdftoppm found on PATH; the rest are the test's
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, msg)
	}
	png, err := os.ReadFile(out + ".png") // #nosec G304 -- pdftoppm's output in the test's own temporary folder
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// tool is the path of one of poppler's programs. Without it the test is skipped, unless the run
// requires the browser or PostgreSQL (as CI's does): then it fails, so that CI never skips it.
func tool(t testing.TB, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("ERIKTI_REQUIRE_BROWSER") != "" || os.Getenv("ERIKTI_REQUIRE_POSTGRES") != "" {
			t.Fatalf("%s (Debian's poppler-utils) is required: %v; run scripts/setup-browser.sh", name, err)
		}
		t.Skipf("no %s (Debian's poppler-utils); scripts/setup-browser.sh installs it", name)
	}
	return bin
}
