package store

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
)

// MigrationsDigest is a hash of every embedded migration of both dialects: two builds with the same
// digest migrate to the same schema. Tests use it to name a migrated template they copy.
func MigrationsDigest() string {
	h := sha256.New()
	fs.WalkDir(migrations, "migrations", func(path string, d fs.DirEntry, err error) error { // #nosec G104 -- an embedded tree: ReadFile fails on none of its files
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(migrations, path)
		if err != nil {
			return err
		}
		h.Write([]byte(path + "\x00"))
		h.Write(body)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}
