package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An unknown --scale is refused by name, before any database is opened or made; so is one given
// through its environment variable.
func TestUnknownScaleIsRefused(t *testing.T) {
	for _, args := range [][]string{{"demo", "--scale", "planet"}, {"serve", "--demo", "--scale", "planet"}} {
		dsn := filepath.Join(t.TempDir(), "erikti.db")
		var out bytes.Buffer
		err := run(context.Background(), append(args, "--db", dsn), env(nil), strings.NewReader(""), &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), `--scale "planet"`) || !strings.Contains(err.Error(), "demo, city, country") {
			t.Fatalf("%v: %v", args, err)
		}
		if _, err := os.Stat(dsn); !os.IsNotExist(err) {
			t.Fatalf("%v: the database was made: %v", args, err)
		}
	}
	err := run(context.Background(), []string{"demo", "--db", filepath.Join(t.TempDir(), "e.db")}, env(map[string]string{"ERIKTI_SCALE": "town"}),
		strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `--scale "town"`) {
		t.Fatalf("ERIKTI_SCALE=town: %v", err)
	}
}
