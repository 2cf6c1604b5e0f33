package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver
)

// Dialect is the SQL engine behind a store.
type Dialect int

// The engines.
const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// minSQLite is the oldest SQLite erikti runs on: 3.51.3 fixes a WAL-reset corruption bug.
const minSQLite = "3.51.3"

// Store is erikti's database. On SQLite every write goes through one connection in BEGIN
// IMMEDIATE transactions, run by the group committer (groupcommit.go), and reads use a pool of
// their own; on PostgreSQL writes and reads have a pool each, and each write is a transaction of
// its own.
type Store struct {
	dialect Dialect
	w       *sql.DB
	r       *sql.DB
	gc      *committer // SQLite only
	rs      *stmtCache // SQLite only: the readers' prepared statements
	now     func() time.Time
}

// Options tune a store; the zero value is right for production.
type Options struct {
	Now      func() time.Time // the clock; time.Now when nil
	MaxConns int              // PostgreSQL's two pools' size (writes, reads) and SQLite's readers'; 16 when 0
}

//go:embed migrations
var migrations embed.FS

// IsPostgres reports whether dsn names a PostgreSQL database rather than an SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn (an SQLite file path, or a postgres:// URL) and checks the engine. It does
// not migrate: call Migrate.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	s := &Store{now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	conns := opt.MaxConns
	if conns <= 0 {
		conns = 16
	}
	if IsPostgres(dsn) {
		// two pools: writes that wait for a row lock (a flash crowd on one shift) hold their
		// connections, and must not take the ones that serve the pages
		pool := func() (*sql.DB, error) {
			db, err := sql.Open("pgx", dsn)
			if err != nil {
				return nil, fmt.Errorf("store: open postgres: %w", err)
			}
			db.SetMaxOpenConns(conns)
			db.SetMaxIdleConns(conns)
			db.SetConnMaxIdleTime(5 * time.Minute)
			if err := db.PingContext(ctx); err != nil {
				db.Close()
				return nil, fmt.Errorf("store: connect to postgres: %w", err)
			}
			return db, nil
		}
		w, err := pool()
		if err != nil {
			return nil, err
		}
		r, err := pool()
		if err != nil {
			w.Close()
			return nil, err
		}
		s.dialect, s.w, s.r = Postgres, w, r
		return s, nil
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
	path := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
	w, err := sql.Open("sqlite", base+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	// two: the group committer holds one for good, Migrate takes the other (SQLite's own lock
	// orders their transactions)
	w.SetMaxOpenConns(2)
	w.SetMaxIdleConns(2)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	s.dialect, s.w = SQLite, w
	var version string
	// A new file turns to WAL on its first connection; several processes opening it at that moment
	// may find it locked whatever the busy timeout, so the first connection is tried again a while.
	for attempt := 0; ; attempt++ {
		err = w.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&version)
		if err == nil || !isBusy(err) || attempt == 100 {
			break
		}
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-time.After(20 * time.Millisecond):
			continue
		}
		break
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	if versionLess(version, minSQLite) {
		w.Close()
		return nil, fmt.Errorf("store: SQLite %s is older than %s, which fixes a WAL-reset corruption bug; refusing to start", version, minSQLite)
	}
	// the readers map the file (up to 1 GiB): each commit empties a reader's page cache, and a
	// mapped page is read again without a system call and a copy
	r, err := sql.Open("sqlite", base+pragmas+"&_pragma=query_only(1)&_pragma=mmap_size(1073741824)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite readers: %w", err)
	}
	r.SetMaxOpenConns(conns)
	r.SetMaxIdleConns(conns)
	s.r = r
	s.rs = newStmtCache(r)
	s.gc = newCommitter(w)
	return s, nil
}

// versionLess compares dotted version numbers.
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// Dialect tells which engine the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes the connections.
func (s *Store) Close() error {
	if s.gc != nil {
		s.gc.close()
	}
	s.rs.close()
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// errProbeDone ends CheckWrite's transaction: what it wrote is rolled back.
var errProbeDone = errors.New("store: write probe done")

// CheckWrite checks that the database takes a write: it inserts a row the way every write does
// (on SQLite through the group committer, on PostgreSQL in a transaction of the write pool) and
// rolls it back, so that nothing is kept and no commit is paid for. A read-only file, a
// read-only mount, a hot standby or default_transaction_read_only refuse it, and the error then
// answers true to IsReadOnly. A full disk is not seen: nothing reaches it.
func (s *Store) CheckWrite(ctx context.Context) error {
	err := s.write(ctx, func(tx *Tx) error {
		// no migration has the number 0
		if _, err := tx.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (0, 0)`); err != nil {
			return err
		}
		return errProbeDone
	})
	if errors.Is(err, errProbeDone) {
		return nil
	}
	return fmt.Errorf("store: the database takes no write: %w", err)
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and returns what they report
// (nothing when the file is sound). PostgreSQL has no such check to run; it returns nothing.
func (s *Store) IntegrityCheck(ctx context.Context) ([]string, error) {
	if s.dialect != SQLite {
		return nil, nil
	}
	var problems []string
	rows, err := s.r.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, fmt.Errorf("store: integrity check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, fmt.Errorf("store: integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: integrity check: %w", err)
	}
	fk, err := s.r.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, fmt.Errorf("store: foreign key check: %w", err)
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, fmt.Errorf("store: foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	return problems, fk.Err()
}

// Migrate applies the embedded migrations of the store's dialect that have not run yet. On
// PostgreSQL an advisory lock, held on one connection throughout, makes nodes that start together
// migrate once.
func (s *Store) Migrate(ctx context.Context) error { return s.migrateUpTo(ctx, math.MaxInt) }

// migrateUpTo is Migrate of the migrations numbered up to last (tests play an older database).
func (s *Store) migrateUpTo(ctx context.Context, last int) error {
	dir := "migrations/" + s.dialect.String()
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	defer conn.Close()
	if s.dialect == Postgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(8011200)`); err != nil {
			return fmt.Errorf("store: migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(8011200)`)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("store: migration %s: name must start with its number", name)
		}
		if version > last {
			break
		}
		body, err := fs.ReadFile(migrations, dir+"/"+name)
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", name, err)
		}
		if err := s.migrateOne(ctx, conn, version, string(body)); err != nil {
			return fmt.Errorf("store: migration %s: %w", name, err)
		}
	}
	if err := s.chainLegacyAudit(ctx, conn); err != nil {
		return fmt.Errorf("store: chain the audit log: %w", err)
	}
	return nil
}

// migrateOne applies one migration in its own transaction, unless it has run already.
func (s *Store) migrateOne(ctx context.Context, conn *sql.Conn, version int, body string) error {
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	tx := &Tx{ctx: ctx, tx: sqlTx, dialect: s.dialect}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := sqlTx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, s.now().Unix()); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// Tx is a write transaction whose statements are written with ? placeholders for either dialect.
type Tx struct {
	ctx     context.Context
	tx      execer
	dialect Dialect
	stmts   *stmtCache // the group committer's prepared statements, on its connection (SQLite)
}

// execer is an *sql.Tx, or the *sql.Conn of the group committer, which runs BEGIN and COMMIT itself.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Exec runs a statement.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	if st := t.stmts.get(t.ctx, query); st != nil {
		return st.ExecContext(t.ctx, args...)
	}
	return t.tx.ExecContext(t.ctx, rebind(t.dialect, query), args...)
}

// Query runs a query.
func (t *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	if st := t.stmts.get(t.ctx, query); st != nil {
		return st.QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, rebind(t.dialect, query), args...)
}

// QueryRow runs a query that returns at most one row.
func (t *Tx) QueryRow(query string, args ...any) *sql.Row {
	if st := t.stmts.get(t.ctx, query); st != nil {
		return st.QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, rebind(t.dialect, query), args...)
}

// forUpdate is the row-lock clause: PostgreSQL locks rows; SQLite needs none, its one writer is the lock.
func (t *Tx) forUpdate(of string) string {
	if t.dialect == Postgres {
		if of != "" {
			return " FOR UPDATE OF " + of
		}
		return " FOR UPDATE"
	}
	return ""
}

// write runs fn in a write transaction and commits it. On SQLite the group committer runs it, maybe
// in one transaction with other writes waiting at the same time; on PostgreSQL a deadlock or
// serialization failure retries the whole transaction a few times. fn may run more than once, so
// it sets its results afresh each time.
func (s *Store) write(ctx context.Context, fn func(tx *Tx) error) error {
	if s.gc != nil {
		return s.gc.do(ctx, fn)
	}
	for attempt := 0; ; attempt++ {
		err := s.writeOnce(ctx, fn)
		if err == nil || attempt >= 4 || !retryable(err) {
			return err
		}
	}
}

func (s *Store) writeOnce(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{ctx: ctx, tx: sqlTx, dialect: s.dialect}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// reader runs queries on the read pool.
type reader struct {
	ctx     context.Context
	db      *sql.DB
	dialect Dialect
	stmts   *stmtCache
}

func (s *Store) read(ctx context.Context) reader { return reader{ctx, s.r, s.dialect, s.rs} }

func (r reader) Query(query string, args ...any) (*sql.Rows, error) {
	if st := r.stmts.get(r.ctx, query); st != nil {
		return st.QueryContext(r.ctx, args...)
	}
	return r.db.QueryContext(r.ctx, rebind(r.dialect, query), args...)
}

func (r reader) QueryRow(query string, args ...any) *sql.Row {
	if st := r.stmts.get(r.ctx, query); st != nil {
		return st.QueryRowContext(r.ctx, args...)
	}
	return r.db.QueryRowContext(r.ctx, rebind(r.dialect, query), args...)
}

// queryer is what the read helpers need: a write transaction or the read pool.
type queryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// rebind turns ? placeholders into $1, $2, … for PostgreSQL. Queries hold no ? inside literals.
func rebind(d Dialect, query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// unix stores a time as seconds since 1970 (UTC); 0 for the zero time.
func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// fromUnix is unix's inverse.
func fromUnix(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
