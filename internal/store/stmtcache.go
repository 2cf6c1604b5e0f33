package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps SQLite's prepared statements. The pure-Go driver parses a statement afresh each
// time it is run, and for the short statements of a signup the parse costs about as much as the
// run. The readers' statements are prepared on their pool, which keeps one per connection; the
// writer's on the group committer's own connection. PostgreSQL needs none: pgx keeps its own per
// connection. Queries built at run time (the programme's filters) would fill it without end, so
// it holds at most maxStmts; beyond that a query is parsed each time, as without it.
type stmtCache struct {
	db preparer
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxStmts = 512

// preparer is a *sql.DB or a *sql.Conn.
type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

func newStmtCache(db preparer) *stmtCache { return &stmtCache{db: db, m: map[string]*sql.Stmt{}} }

// get returns the prepared statement of query, or nil when it is not cached and cannot be (the
// cache is full, or the statement does not prepare: then running it unprepared reports why). Only
// single statements may be cached: SQLite prepares the first of several and leaves the rest.
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	if len(c.m) >= maxStmts {
		return nil
	}
	st, err := c.db.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	c.m[query] = st
	return st
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}
