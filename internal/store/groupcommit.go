package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Group commit on SQLite. One writer connection commits about 5,000 transactions a second with
// synchronous=FULL, because each commit waits for its own fsync; a hundred writes sharing one commit
// cost little more than one. So every write of an SQLite store goes to one goroutine, the
// committer: it takes every write waiting in line (up to maxBatch), runs each in a SAVEPOINT of one
// transaction — a write that fails is rolled back to its savepoint and answers its own error, the
// others go on — commits once, and only then answers each. A write is acknowledged only after the
// commit that holds it is durable, exactly as before; what changes is that waiting writers share
// the fsync.
//
// If the batch itself fails (its BEGIN, a SAVEPOINT, or the COMMIT), nothing of it is stored, and
// each of its writes is run again alone in a transaction of its own, so that one write that breaks
// a transaction cannot fail the others.
//
// A write whose request is cancelled while it waits in line is dropped and answers the context's
// error; once the committer has taken it, it runs to its end and answers, even if nobody is left
// to read the answer. Nothing is stored without having been taken, and nothing taken is half-done.

const maxBatch = 512

// errClosed answers a write made after Close.
var errClosed = errors.New("store: closed")

const (
	reqWaiting int32 = iota
	reqTaken
	reqAbandoned
)

type writeReq struct {
	ctx    context.Context
	fn     func(*Tx) error
	signup *signupWrite // a signup, which a batch takes with the signups beside it (signupRun); fn makes it alone
	state  atomic.Int32
	err    error
	done   chan struct{}
}

type committer struct {
	db      *sql.DB
	conn    *sql.Conn  // the committer's own, taken at its first write and kept; nil after a broken one
	stmts   *stmtCache // prepared on conn
	signups *signupRun // the run of each batch, kept from one to the next
	queue   chan *writeReq
	quit    chan struct{}
	stopped chan struct{}
	stop    sync.Once

	commits, writes atomic.Int64 // transactions committed, writes answered without error
}

func newCommitter(db *sql.DB) *committer {
	c := &committer{db: db, signups: newSignupRun(), queue: make(chan *writeReq, maxBatch), quit: make(chan struct{}), stopped: make(chan struct{})}
	go c.run()
	return c
}

// close stops the committer after the batch it is running; writes still in line answer errClosed.
func (c *committer) close() {
	c.stop.Do(func() { close(c.quit) })
	<-c.stopped
}

// do runs fn in the committer and returns once its transaction is committed (or fn failed).
func (c *committer) do(ctx context.Context, fn func(*Tx) error) error {
	return c.submit(&writeReq{ctx: ctx, fn: fn})
}

// doSignup makes the signup w in the committer and returns once it is committed (or refused).
func (c *committer) doSignup(ctx context.Context, w *signupWrite) error {
	return c.submit(&writeReq{ctx: ctx, fn: w.alone, signup: w})
}

func (c *committer) submit(req *writeReq) error {
	ctx := req.ctx
	if err := ctx.Err(); err != nil {
		return err
	}
	req.done = make(chan struct{})
	select {
	case c.queue <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-c.quit:
		return errClosed
	}
	select {
	case <-req.done:
		return req.err
	case <-ctx.Done():
		if req.state.CompareAndSwap(reqWaiting, reqAbandoned) {
			return ctx.Err()
		}
	case <-c.stopped:
		if req.state.CompareAndSwap(reqWaiting, reqAbandoned) {
			return errClosed
		}
	}
	<-req.done // taken: it runs to its end
	return req.err
}

func (c *committer) run() {
	defer close(c.stopped)
	defer c.release()
	batch := make([]*writeReq, 0, maxBatch)
	for {
		select {
		case <-c.quit: // a close wins over the writes in line
			return
		default:
		}
		select {
		case req := <-c.queue:
			batch = append(batch[:0], req)
		case <-c.quit:
			return
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case req := <-c.queue:
				batch = append(batch, req)
			default:
				break fill
			}
		}
		c.runBatch(batch)
		clear(batch)
	}
}

// runBatch takes the batch's writes that are still wanted, runs them in one transaction, and
// answers each.
func (c *committer) runBatch(batch []*writeReq) {
	live := batch[:0]
	for _, r := range batch {
		if r.state.CompareAndSwap(reqWaiting, reqTaken) {
			live = append(live, r)
		}
	}
	if len(live) == 1 {
		c.answer(live[0], c.alone(live[0]))
		return
	}
	if len(live) == 0 {
		return
	}
	if err := c.together(live); err != nil {
		for _, r := range live {
			c.answer(r, c.alone(r))
		}
		return
	}
	for _, r := range live {
		c.answer(r, r.err)
	}
}

func (c *committer) answer(r *writeReq, err error) {
	r.err = err
	if err == nil {
		c.writes.Add(1)
	}
	close(r.done)
}

// begin starts a transaction on the committer's connection, taking one first if it has none.
func (c *committer) begin() error {
	if c.conn == nil {
		conn, err := c.db.Conn(context.Background())
		if err != nil {
			return fmt.Errorf("store: writer connection: %w", err)
		}
		c.conn, c.stmts = conn, newStmtCache(conn)
	}
	if _, err := c.conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		c.release() // a connection that cannot begin is not trusted again
		return fmt.Errorf("store: begin: %w", err)
	}
	return nil
}

func (c *committer) commit() error {
	if _, err := c.conn.ExecContext(context.Background(), `COMMIT`); err != nil {
		c.rollback()
		return fmt.Errorf("store: commit: %w", err)
	}
	c.commits.Add(1)
	return nil
}

// rollback ends the transaction; after a statement that ended it already, there is none to end.
func (c *committer) rollback() {
	c.conn.ExecContext(context.Background(), `ROLLBACK`)
}

// release gives the connection and its statements back.
func (c *committer) release() {
	if c.conn != nil {
		c.stmts.close()
		c.conn.Close()
		c.conn, c.stmts = nil, nil
	}
}

func (c *committer) tx(r *writeReq) *Tx {
	return &Tx{ctx: context.WithoutCancel(r.ctx), tx: c.conn, dialect: SQLite, stmts: c.stmts}
}

// alone runs one write in a transaction of its own.
func (c *committer) alone(r *writeReq) error {
	if err := c.begin(); err != nil {
		return err
	}
	if err := r.fn(c.tx(r)); err != nil {
		c.rollback()
		return err
	}
	return c.commit()
}

// together runs the writes in savepoints of one transaction and commits it. Each write's own
// error is left in its r.err; the error returned is the batch's, and then nothing was stored.
func (c *committer) together(live []*writeReq) error {
	if err := c.begin(); err != nil {
		return fmt.Errorf("store: batch: %w", err)
	}
	fail := func(step string, err error) error {
		c.rollback()
		return fmt.Errorf("store: batch %s: %w", step, err)
	}
	bg := context.Background()
	run := c.signups.begin(&Tx{ctx: bg, tx: c.conn, dialect: SQLite, stmts: c.stmts})
	// the signups met in line next to each other go to the run together, and it writes them out
	// before any other write
	line := func(rs []*writeReq) error {
		if len(rs) == 0 {
			return nil
		}
		if err := run.addAll(rs); err != nil {
			return err
		}
		return run.flush()
	}
	from := 0
	for i, r := range live {
		if r.signup != nil {
			continue
		}
		if err := line(live[from:i]); err != nil {
			return fail("signups", err)
		}
		from = i + 1
		if _, err := c.conn.ExecContext(bg, `SAVEPOINT w`); err != nil {
			return fail("savepoint", err)
		}
		r.err = r.fn(c.tx(r))
		if r.err != nil {
			if _, err := c.conn.ExecContext(bg, `ROLLBACK TO w`); err != nil {
				return fail("rollback to savepoint", err)
			}
		}
		if _, err := c.conn.ExecContext(bg, `RELEASE w`); err != nil {
			return fail("release savepoint", err)
		}
	}
	if err := line(live[from:]); err != nil {
		return fail("signups", err)
	}
	if err := c.commit(); err != nil {
		return fmt.Errorf("store: batch: %w", err)
	}
	return nil
}

// WriteStats tells how many write transactions an SQLite store committed and how many writes they
// held: their ratio is the mean batch of group commit. Both are zero on PostgreSQL.
func (s *Store) WriteStats() (commits, writes int64) {
	if s.gc == nil {
		return 0, 0
	}
	return s.gc.commits.Load(), s.gc.writes.Load()
}
