package store

import (
	"database/sql"
	"strings"
	"time"
)

// A table's columns are listed once, in a columns value, each with where its value lives in the
// domain's type: the SELECT list, the scan destinations, the INSERT's columns and values and the
// UPDATE's SET are all built from that one list, so that they cannot fall out of step. The SQL is
// built once, into package-level strings that never change (the prepared statement cache keys on
// them), never per request.

// column is one column of a table as a Go value of type T holds it.
type column[T any] struct {
	name  string       // in its table; "" for a column only read, from another table
	expr  string       // what a SELECT reads, when not the table's alias and name
	dest  func(*T) any // where a read value goes; nil: never read back
	value func(*T) any // what is written; nil: never written
	key   bool         // the row's ID: written only when the caller gives it
	fixed bool         // written when the row is made, never changed by an UPDATE
}

// columns is a table's column list.
type columns[T any] []column[T]

// field is a column read into and written from one field of T, as it is.
func field[T, V any](name string, at func(*T) *V) column[T] {
	return column[T]{name: name, dest: func(t *T) any { return at(t) }, value: func(t *T) any { return *at(t) }}
}

// unixField is a column of seconds since 1970 held in a time.Time of T (zero for 0).
func unixField[T any](name string, at func(*T) *time.Time) column[T] {
	return column[T]{name: name, dest: func(t *T) any { return unixDest{at(t)} }, value: func(t *T) any { return unix(*at(t)) }}
}

// selectList is the SELECT list of the columns read back, each name after alias ("e." or "").
func (cs columns[T]) selectList(alias string) string {
	var out []string
	for _, c := range cs {
		switch {
		case c.dest == nil:
		case c.expr != "":
			out = append(out, c.expr)
		default:
			out = append(out, alias+c.name)
		}
	}
	return strings.Join(out, ", ")
}

// scanInto is where a row of selectList goes in v, then extra.
func (cs columns[T]) scanInto(v *T, extra ...any) []any {
	out := make([]any, 0, len(cs)+len(extra))
	for _, c := range cs {
		if c.dest != nil {
			out = append(out, c.dest(v))
		}
	}
	return append(out, extra...)
}

// written reports whether c goes in an INSERT: withKey, when the caller gives the IDs.
func (c column[T]) written(withKey bool) bool { return c.value != nil && (!c.key || withKey) }

// insertNames are the columns an INSERT writes.
func (cs columns[T]) insertNames(withKey bool) []string {
	var out []string
	for _, c := range cs {
		if c.written(withKey) {
			out = append(out, c.name)
		}
	}
	return out
}

// insertValues appends the values of v an INSERT writes, in insertNames' order, to args.
func (cs columns[T]) insertValues(v *T, withKey bool, args []any) []any {
	for _, c := range cs {
		if c.written(withKey) {
			args = append(args, c.value(v))
		}
	}
	return args
}

// insert is a one-row INSERT into table of the columns (without the key), returning the new id.
func (cs columns[T]) insert(table string) string {
	names := cs.insertNames(false)
	return "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") VALUES (" + placeholders(len(names)) + ") RETURNING id"
}

// updateSet is an UPDATE's SET list of the columns that change ("a = ?, b = ?"), then extra names.
func (cs columns[T]) updateSet(extra ...string) string {
	var out []string
	for _, c := range cs {
		if c.value != nil && !c.key && !c.fixed {
			out = append(out, c.name+" = ?")
		}
	}
	for _, n := range extra {
		out = append(out, n+" = ?")
	}
	return strings.Join(out, ", ")
}

// updateValues are the values of updateSet's columns in v, then extra.
func (cs columns[T]) updateValues(v *T, extra ...any) []any {
	out := make([]any, 0, len(cs)+len(extra))
	for _, c := range cs {
		if c.value != nil && !c.key && !c.fixed {
			out = append(out, c.value(v))
		}
	}
	return append(out, extra...)
}

// placeholders is n question marks, comma separated (rebind makes them $1… for PostgreSQL).
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// unixDest reads seconds since 1970 into a time (zero for 0).
type unixDest struct{ t *time.Time }

func (d unixDest) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*d.t = fromUnix(n.Int64)
	return nil
}

// nullID reads a nullable reference to another row's id (0 for NULL).
type nullID struct{ id *int64 }

func (d nullID) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*d.id = n.Int64
	return nil
}

// listDest reads a list stored as "a,b,c" (nil for "").
type listDest struct{ list *[]string }

func (d listDest) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	*d.list = nil
	if s.String != "" {
		*d.list = strings.Split(s.String, ",")
	}
	return nil
}
