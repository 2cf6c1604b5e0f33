package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

// Dropping a database takes a while, and a test need not wait for it: a test binary drops its
// tests' PostgreSQL databases in the background, and what it leaves behind when it exits, the next
// binary drops. A binary's databases are named after it (erikti_test_<binary>_<random>), and it
// holds an advisory lock named after it as long as it runs, so that a binary drops another's
// databases only once that one has exited.
var postgresDropper dropper

// dropper drops this binary's test databases in the background.
type dropper struct {
	once  sync.Once
	id    uint32      // this binary's, in its databases' names and its lock
	conn  *sql.Conn   // holds the lock (binaryLock, id) until the binary exits
	names chan string // databases to drop
	err   error
}

// binaryLock is the first key of the advisory lock a test binary holds while it runs; the second
// is the binary's id. It differs from templateLock and from the store's migration lock.
const binaryLock = 8011202

// droppers is how many databases a binary drops at once.
const droppers = 4

// databaseOfBinary matches a test database's name, and captures its binary's id.
var databaseOfBinary = regexp.MustCompile(`^erikti_test_([0-9a-f]{8})_[0-9a-f]+$`)

// startDropper starts this binary's dropper on the server of base, once: it takes the binary's
// lock and starts dropping the databases of binaries that have exited.
func startDropper(base string) (*dropper, error) {
	d := &postgresDropper
	d.once.Do(func() { d.err = d.start(base) })
	return d, d.err
}

// start connects, takes the lock and starts the goroutines that drop.
func (d *dropper) start(base string) error {
	ctx := context.Background()
	var id [4]byte
	rand.Read(id[:])
	d.id = binary.BigEndian.Uint32(id[:]) >> 1 // the lock's keys are signed
	db, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	if d.conn, err = db.Conn(ctx); err != nil {
		return err
	}
	if _, err := d.conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, binaryLock, d.id); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	leftovers, err := d.leftovers(ctx)
	if err != nil {
		return err
	}
	// a short line: when the droppers fall behind, a test's cleanup waits, so that a binary
	// leaves the next one few databases to drop
	d.names = make(chan string, droppers)
	go func() {
		for _, name := range leftovers {
			d.names <- name
		}
	}()
	// drops at once overlap on the server (4 take about the time of 1), so that several keep up with
	// the tests where one falls behind
	for range droppers {
		go func() {
			for name := range d.names {
				d.dropNow(db, name)
			}
		}()
	}
	return nil
}

// name is a name for a new test database of this binary.
func (d *dropper) name() string {
	return fmt.Sprintf("erikti_test_%08x_%s", d.id, randomHex())
}

// drop has the database name dropped in the background, once there is room in the line.
func (d *dropper) drop(name string) { d.names <- name }

// dropNow drops the database name. A failure is let be: the database is left to the next binary.
func (d *dropper) dropNow(db *sql.DB, name string) {
	// FORCE: a test may leave a connection of its own open
	db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) // #nosec G104 -- see above
}

// leftovers lists the test databases of binaries that have exited: those whose lock is free.
func (d *dropper) leftovers(ctx context.Context) ([]string, error) {
	rows, err := d.conn.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'erikti\_test\_%'`)
	if err != nil {
		return nil, fmt.Errorf("list the test databases: %w", err)
	}
	byBinary := map[uint32][]string{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		m := databaseOfBinary.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		id, err := strconv.ParseUint(m[1], 16, 32)
		if err == nil && uint32(id) != d.id {
			byBinary[uint32(id)] = append(byBinary[uint32(id)], name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var leftovers []string
	for id, names := range byBinary {
		var exited bool
		if err := d.conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, $2)`, binaryLock, id).Scan(&exited); err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
		if !exited {
			continue
		}
		// a binary's id is random, so a new one never takes the names listed here
		if _, err := d.conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1, $2)`, binaryLock, id); err != nil {
			return nil, fmt.Errorf("unlock: %w", err)
		}
		leftovers = append(leftovers, names...)
	}
	return leftovers, nil
}
