package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// engineOnlyTables lists the tables that exist on one engine by design, each with its reason. A
// table missing from the other engine and not listed here fails TestSchemaParity. (SQLite's own
// tables, sqlite_*, are never read.)
var engineOnlyTables = map[string]string{}

// The two dialects' migrations, applied to fresh databases, leave the same schema: the same
// tables; per table the same columns with the same type class, nullability and default; the same
// primary key, indexes (columns, uniqueness, partial predicate), foreign keys (columns, target,
// actions) and CHECK constraints; and triggers on the same statements. Every difference is
// reported at once.
func TestSchemaParity(t *testing.T) {
	ctx := context.Background()
	schemas := map[string]schema{}
	for _, engine := range storetest.Engines() {
		dsn := storetest.DSN(t, engine) // on PostgreSQL: skipped when absent, failed when ERIKTI_REQUIRE_POSTGRES is set
		s, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatalf("open %s: %v", engine, err)
		}
		err = s.Migrate(ctx)
		s.Close()
		if err != nil {
			t.Fatalf("migrate %s: %v", engine, err)
		}
		db := storetest.Raw(t, dsn)
		read := readSQLiteSchema
		if engine == "postgres" {
			read = readPostgresSchema
		}
		sc, err := read(ctx, db)
		if err != nil {
			t.Fatalf("read the %s catalogue: %v", engine, err)
		}
		if len(sc) < 10 {
			t.Fatalf("the %s catalogue lists %d tables: not read", engine, len(sc))
		}
		schemas[engine] = sc
		t.Logf("%s: %s", engine, sc.summary())
	}
	for _, d := range compareSchemas(schemas["sqlite"], schemas["postgres"]) {
		t.Error(d)
	}
	for _, d := range postgresKeyTypes(schemas["postgres"]) {
		t.Error(d)
	}
}

// schema is one engine's tables by name.
type schema map[string]*table

type table struct {
	columns  map[string]column
	pk       []string
	indexes  []index
	fks      []fkey
	checks   []string // normalized expressions
	triggers []string // the statements that fire a trigger: INSERT, UPDATE, DELETE
}

type column struct {
	class   string // integer, bigint, boolean, text, real, numeric, bytes
	notNull bool
	def     string // normalized; "" for none
	// rowid: a SQLite INTEGER PRIMARY KEY, which takes a new value when none is given;
	// identity: a PostgreSQL identity (or serial) column.
	rowid, identity bool
}

type index struct {
	name       string
	constraint bool // made by a UNIQUE constraint rather than CREATE INDEX; its name is the engine's
	unique     bool
	cols       []string
	where      string // normalized predicate of a partial index
}

func (ix index) signature() string {
	s := "INDEX"
	if ix.unique {
		s = "UNIQUE INDEX"
	}
	s += " (" + strings.Join(ix.cols, ", ") + ")"
	if ix.where != "" {
		s += " WHERE " + ix.where
	}
	return s
}

type fkey struct {
	cols, refCols      []string
	ref                string
	onDelete, onUpdate string
}

func (f fkey) String() string {
	return fmt.Sprintf("FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE %s ON UPDATE %s",
		strings.Join(f.cols, ", "), f.ref, strings.Join(f.refCols, ", "), f.onDelete, f.onUpdate)
}

// summary counts what was read, so that a catalogue read as empty cannot pass unseen.
func (sc schema) summary() string {
	var cols, ixs, fks, checks, trigs int
	for _, tb := range sc {
		cols += len(tb.columns)
		ixs += len(tb.indexes)
		fks += len(tb.fks)
		checks += len(tb.checks)
		trigs += len(distinct(tb.triggers))
	}
	return fmt.Sprintf("%d tables, %d columns, %d indexes, %d foreign keys, %d CHECKs, %d trigger events",
		len(sc), cols, ixs, fks, checks, trigs)
}

func (sc schema) table(name string) *table {
	if sc[name] == nil {
		sc[name] = &table{columns: map[string]column{}}
	}
	return sc[name]
}

// readSQLiteSchema reads sqlite_master and the pragmas table_info, index_list, index_info and
// foreign_key_list. CHECK constraints and partial-index predicates are known only from the
// statements SQLite keeps in sqlite_master, so they are taken from there.
func readSQLiteSchema(ctx context.Context, db *sql.DB) (schema, error) {
	sc := schema{}
	type object struct{ typ, name, tbl, sql string }
	var objects []object
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master
		WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.typ, &o.name, &o.tbl, &o.sql); err != nil {
			rows.Close()
			return nil, err
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	indexSQL := map[string]string{}
	for _, o := range objects {
		if o.typ == "index" {
			indexSQL[o.name] = o.sql
		}
	}
	var fks []struct {
		table string
		fkey
	}
	for _, o := range objects {
		switch o.typ {
		case "index":
			continue
		case "trigger":
			tb := sc.table(o.tbl)
			tb.triggers = append(tb.triggers, triggerEvents(o.sql)...)
			continue
		}
		tb := sc.table(o.name)
		tb.checks = sqliteChecks(o.sql)
		rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, o.name)
		if err != nil {
			return nil, err
		}
		pk := map[int]string{}
		for rows.Next() {
			var name, typ string
			var notNull bool
			var def sql.NullString
			var pkPos int
			if err := rows.Scan(&name, &typ, &notNull, &def, &pkPos); err != nil {
				rows.Close()
				return nil, err
			}
			c := column{class: sqliteClass(typ), notNull: notNull}
			c.def = normalizeDefault(def.String, c.class)
			if pkPos > 0 {
				pk[pkPos] = name
				c.rowid = strings.EqualFold(strings.TrimSpace(typ), "INTEGER")
			}
			tb.columns[name] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for i := 1; i <= len(pk); i++ {
			tb.pk = append(tb.pk, pk[i])
		}
		if len(tb.pk) == 1 {
			if c := tb.columns[tb.pk[0]]; c.rowid {
				c.notNull = true // a rowid is never NULL: inserting NULL takes the next value
				tb.columns[tb.pk[0]] = c
			}
		} else {
			for _, name := range tb.pk {
				c := tb.columns[name]
				c.rowid = false
				tb.columns[name] = c
			}
		}

		type ixrow struct {
			name   string
			unique bool
			origin string
		}
		var ixs []ixrow
		rows, err = db.QueryContext(ctx, `SELECT name, "unique", origin FROM pragma_index_list(?)`, o.name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r ixrow
			if err := rows.Scan(&r.name, &r.unique, &r.origin); err != nil {
				rows.Close()
				return nil, err
			}
			ixs = append(ixs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, r := range ixs {
			if r.origin == "pk" { // the primary key is compared as such
				continue
			}
			ix := index{name: r.name, unique: r.unique, constraint: r.origin == "u"}
			rows, err := db.QueryContext(ctx, `SELECT cid, COALESCE(name, '') FROM pragma_index_info(?) ORDER BY seqno`, r.name)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var cid int
				var name string
				if err := rows.Scan(&cid, &name); err != nil {
					rows.Close()
					return nil, err
				}
				if cid < 0 {
					name = "(expression)"
				}
				ix.cols = append(ix.cols, name)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			ix.where = sqliteIndexPredicate(indexSQL[r.name])
			tb.indexes = append(tb.indexes, ix)
		}

		rows, err = db.QueryContext(ctx, `SELECT id, "table", "from", COALESCE("to", ''), on_update, on_delete
			FROM pragma_foreign_key_list(?) ORDER BY id, seq`, o.name)
		if err != nil {
			return nil, err
		}
		last := -1
		for rows.Next() {
			var id int
			var ref, from, to, onUpdate, onDelete string
			if err := rows.Scan(&id, &ref, &from, &to, &onUpdate, &onDelete); err != nil {
				rows.Close()
				return nil, err
			}
			if id != last {
				fks = append(fks, struct {
					table string
					fkey
				}{o.name, fkey{ref: ref, onDelete: onDelete, onUpdate: onUpdate}})
				last = id
			}
			f := &fks[len(fks)-1]
			f.cols = append(f.cols, from)
			if to != "" {
				f.refCols = append(f.refCols, to)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, f := range fks {
		if len(f.refCols) == 0 && sc[f.ref] != nil { // REFERENCES t, without columns: t's primary key
			f.refCols = sc[f.ref].pk
		}
		sc[f.table].fks = append(sc[f.table].fks, f.fkey)
	}
	return sc, nil
}

// readPostgresSchema reads the current schema's information_schema.columns and pg_index,
// pg_constraint and information_schema.triggers.
func readPostgresSchema(ctx context.Context, db *sql.DB) (schema, error) {
	sc := schema{}
	rows, err := db.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'NO',
			COALESCE(c.column_default, ''), c.is_identity = 'YES'
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var tbl, name, typ, def string
		var c column
		if err := rows.Scan(&tbl, &name, &typ, &c.notNull, &def, &c.identity); err != nil {
			rows.Close()
			return nil, err
		}
		c.class = postgresClass(typ)
		if strings.HasPrefix(def, "nextval(") { // serial: an identity in the old spelling
			c.identity, def = true, ""
		}
		c.def = normalizeDefault(def, c.class)
		sc.table(tbl).columns[name] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// the key columns of an index, each a column name or an expression; \x1f never occurs in either
	rows, err = db.QueryContext(ctx, `SELECT t.relname, i.relname, x.indisunique, x.indisprimary,
			EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u'),
			array_to_string(ARRAY(SELECT pg_get_indexdef(x.indexrelid, n, true) FROM generate_series(1, x.indnkeyatts) n ORDER BY n), E'\x1f'),
			COALESCE(pg_get_expr(x.indpred, x.indrelid), '')
		FROM pg_index x
		JOIN pg_class t ON t.oid = x.indrelid
		JOIN pg_class i ON i.oid = x.indexrelid
		WHERE t.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var tbl, cols, where string
		var ix index
		var primary bool
		if err := rows.Scan(&tbl, &ix.name, &ix.unique, &primary, &ix.constraint, &cols, &where); err != nil {
			rows.Close()
			return nil, err
		}
		if primary {
			continue
		}
		for _, c := range strings.Split(cols, "\x1f") {
			if toks := sqlTokens(c); len(toks) != 1 {
				c = "(expression)"
			} else {
				c = toks[0]
			}
			ix.cols = append(ix.cols, c)
		}
		ix.where = normalizeExpr(where)
		sc.table(tbl).indexes = append(sc.table(tbl).indexes, ix)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = db.QueryContext(ctx, `SELECT t.relname, k.contype, pg_get_constraintdef(k.oid, true),
			array_to_string(ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
				JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o), ','),
			COALESCE(r.relname, ''),
			array_to_string(ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
				JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o), ','),
			k.confdeltype, k.confupdtype
		FROM pg_constraint k
		JOIN pg_class t ON t.oid = k.conrelid
		LEFT JOIN pg_class r ON r.oid = k.confrelid
		WHERE t.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f', 'c')`)
	if err != nil {
		return nil, err
	}
	actions := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
	for rows.Next() {
		var tbl, typ, def, cols, ref, refCols, onDelete, onUpdate string
		if err := rows.Scan(&tbl, &typ, &def, &cols, &ref, &refCols, &onDelete, &onUpdate); err != nil {
			rows.Close()
			return nil, err
		}
		tb := sc.table(tbl)
		switch typ {
		case "p":
			tb.pk = strings.Split(cols, ",")
		case "f":
			f := fkey{cols: strings.Split(cols, ","), ref: ref, refCols: strings.Split(refCols, ","),
				onDelete: actions[onDelete], onUpdate: actions[onUpdate]}
			tb.fks = append(tb.fks, f)
		case "c":
			tb.checks = append(tb.checks, normalizeExpr(strings.TrimPrefix(def, "CHECK ")))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = db.QueryContext(ctx, `SELECT event_object_table, event_manipulation FROM information_schema.triggers
		WHERE trigger_schema = current_schema()`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var tbl, event string
		if err := rows.Scan(&tbl, &event); err != nil {
			rows.Close()
			return nil, err
		}
		sc.table(tbl).triggers = append(sc.table(tbl).triggers, event)
	}
	rows.Close()
	return sc, rows.Err()
}

// compareSchemas lists every difference between the SQLite and the PostgreSQL schema, one
// readable line each.
func compareSchemas(lite, pg schema) []string {
	var diffs []string
	add := func(tbl, format string, args ...any) {
		diffs = append(diffs, tbl+": "+fmt.Sprintf(format, args...))
	}
	for _, name := range unionKeys(lite, pg) {
		l, p := lite[name], pg[name]
		if l == nil || p == nil {
			if _, ok := engineOnlyTables[name]; !ok {
				add(name, "the table exists on %s only", onlyOn(l != nil))
			}
			continue
		}
		for _, col := range unionKeys(l.columns, p.columns) {
			lc, lok := l.columns[col]
			pc, pok := p.columns[col]
			if !lok || !pok {
				add(name, "column %s exists on %s only", col, onlyOn(lok))
				continue
			}
			// SQLite stores every integer in up to 64 bits, so its INTEGER stands for PostgreSQL's
			// integer or bigint; a SQLite BIGINT says the values may outgrow 32 bits and wants bigint.
			if lc.class != pc.class && (lc.class != "integer" || pc.class != "bigint") {
				add(name, "column %s is %s on sqlite, %s on postgres", col, lc.class, pc.class)
			}
			if lc.notNull != pc.notNull {
				add(name, "column %s is %s on sqlite, %s on postgres", col, nullability(lc.notNull), nullability(pc.notNull))
			}
			if lc.def != pc.def {
				add(name, "column %s defaults to %s on sqlite, %s on postgres", col, orNone(lc.def), orNone(pc.def))
			}
			// Every INTEGER PRIMARY KEY of SQLite takes a new value when none is given, wanted or not;
			// a PostgreSQL identity needs that rowid on SQLite.
			if pc.identity && !lc.rowid {
				add(name, "column %s is an identity on postgres, not an INTEGER PRIMARY KEY on sqlite", col)
			}
		}
		if lp, pp := strings.Join(l.pk, ", "), strings.Join(p.pk, ", "); lp != pp {
			add(name, "primary key (%s) on sqlite, (%s) on postgres", lp, pp)
		}
		diffs = append(diffs, compareIndexes(name, l.indexes, p.indexes)...)
		for _, d := range multisetDiff(fkStrings(l.fks), fkStrings(p.fks)) {
			add(name, "%s on %s only", d.item, onlyOn(d.left))
		}
		for _, d := range multisetDiff(l.checks, p.checks) {
			add(name, "CHECK (%s) on %s only", d.item, onlyOn(d.left))
		}
		lt, pt := distinct(l.triggers), distinct(p.triggers)
		if !slices.Equal(lt, pt) {
			add(name, "triggers fire on %s on sqlite, on %s on postgres", orNone(strings.Join(lt, ", ")), orNone(strings.Join(pt, ", ")))
		}
	}
	return diffs
}

// compareIndexes pairs the indexes of a table by what they index; a pair of indexes made by CREATE
// INDEX must share its name too, which later migrations use to drop them.
func compareIndexes(tbl string, lite, pg []index) []string {
	var diffs []string
	bySig := func(ixs []index) map[string][]index {
		m := map[string][]index{}
		for _, ix := range ixs {
			m[ix.signature()] = append(m[ix.signature()], ix)
		}
		return m
	}
	l, p := bySig(lite), bySig(pg)
	for _, sig := range unionKeys(l, p) {
		ls, ps := l[sig], p[sig]
		for i := 0; i < max(len(ls), len(ps)); i++ {
			switch {
			case i >= len(ps):
				diffs = append(diffs, fmt.Sprintf("%s: %s %s on sqlite only", tbl, ls[i].name, sig))
			case i >= len(ls):
				diffs = append(diffs, fmt.Sprintf("%s: %s %s on postgres only", tbl, ps[i].name, sig))
			case !ls[i].constraint && !ps[i].constraint && ls[i].name != ps[i].name:
				diffs = append(diffs, fmt.Sprintf("%s: %s is named %s on sqlite, %s on postgres", tbl, sig, ls[i].name, ps[i].name))
			}
		}
	}
	return diffs
}

// postgresKeyTypes lists the PostgreSQL foreign keys whose column is of another type than the
// column it references: the integer/bigint leniency of compareSchemas would hide them.
func postgresKeyTypes(pg schema) []string {
	var diffs []string
	for _, name := range unionKeys(pg, pg) {
		for _, f := range pg[name].fks {
			ref := pg[f.ref]
			if ref == nil || len(f.refCols) != len(f.cols) {
				continue
			}
			for i, c := range f.cols {
				if from, to := pg[name].columns[c].class, ref.columns[f.refCols[i]].class; from != to {
					diffs = append(diffs, fmt.Sprintf("%s: on postgres, column %s is %s but references %s.%s, %s",
						name, c, from, f.ref, f.refCols[i], to))
				}
			}
		}
	}
	return diffs
}

// sqliteClass maps a SQLite declared type onto a type class, by SQLite's affinity rules, keeping
// BIGINT apart from INTEGER.
func sqliteClass(typ string) string {
	t := strings.ToUpper(strings.TrimSpace(typ))
	switch {
	case t == "BIGINT" || t == "INT8":
		return "bigint"
	case strings.HasPrefix(t, "BOOL"):
		return "boolean"
	case strings.Contains(t, "INT"):
		return "integer"
	case strings.Contains(t, "CHAR"), strings.Contains(t, "CLOB"), strings.Contains(t, "TEXT"):
		return "text"
	case t == "" || strings.Contains(t, "BLOB"):
		return "bytes"
	case strings.Contains(t, "REAL"), strings.Contains(t, "FLOA"), strings.Contains(t, "DOUB"):
		return "real"
	}
	return "numeric"
}

// postgresClass maps information_schema.columns.data_type onto a type class.
func postgresClass(typ string) string {
	switch typ {
	case "smallint", "integer":
		return "integer"
	case "bigint":
		return "bigint"
	case "boolean":
		return "boolean"
	case "text", "character varying", "character":
		return "text"
	case "bytea":
		return "bytes"
	case "real", "double precision":
		return "real"
	}
	return typ
}

// normalizeDefault spells a default alike on both engines: casts dropped, booleans as true or
// false, a number's quotes dropped.
func normalizeDefault(def, class string) string {
	d := normalizeExpr(def)
	switch class {
	case "boolean":
		switch d {
		case "0", "'0'", "false", "'f'", "'false'":
			return "false"
		case "1", "'1'", "true", "'t'", "'true'":
			return "true"
		}
	case "integer", "bigint", "real", "numeric":
		if len(d) > 1 && d[0] == '\'' && d[len(d)-1] == '\'' {
			return strings.Join(sqlTokens(d[1:len(d)-1]), " ")
		}
	}
	return d
}

// normalizeExpr spells an SQL expression (a CHECK, a partial index's predicate, a default) the same
// from both engines: tokens lowercased outside string literals, PostgreSQL's casts dropped, its
// "= ANY (ARRAY[…])" read back as "IN (…)", != as <>, and parentheses dropped, since PostgreSQL
// adds its own. Two expressions that differ only in grouping compare equal; the migrations do not
// rely on that.
func normalizeExpr(expr string) string {
	toks := sqlTokens(expr)
	castable := map[string]bool{"text": true, "bigint": true, "integer": true, "smallint": true, "boolean": true,
		"character": true, "varying": true, "double": true, "precision": true, "real": true, "numeric": true, "bytea": true}
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t == "::":
			for i+1 < len(toks) && castable[toks[i+1]] {
				i++
			}
			if i+2 < len(toks) && toks[i+1] == "[" && toks[i+2] == "]" {
				i += 2
			}
			continue
		case (t == "=" || t == "<>") && i+4 < len(toks) && (toks[i+1] == "any" || toks[i+1] == "all") &&
			toks[i+2] == "(" && toks[i+3] == "array" && toks[i+4] == "[":
			if t == "<>" {
				out = append(out, "not")
			}
			out = append(out, "in")
			i += 4
			// the list runs to the matching ]; the ) after it is dropped with the other parentheses
			continue
		case t == "]":
			continue
		case t == "!=":
			t = "<>"
		case t == "==":
			t = "="
		case t == "(" || t == ")":
			continue
		}
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

// sqlTokens splits SQL into tokens: string literals kept as written, identifiers and keywords
// lowercased (double quotes removed), comments and spaces dropped.
func sqlTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "--"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return toks
			}
			i += end + 4
		case c == '\'':
			j := i + 1
			for j < len(s) {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			toks = append(toks, s[i:min(j+1, len(s))])
			i = j + 1
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				j = len(s) - i - 1
			}
			toks = append(toks, strings.ToLower(s[i+1:i+1+j]))
			i += j + 2
		case isWordByte(c):
			j := i
			for j < len(s) && (isWordByte(s[j]) || s[j] == '.' && c >= '0' && c <= '9') {
				j++
			}
			toks = append(toks, strings.ToLower(s[i:j]))
			i = j
		default:
			if i+1 < len(s) && slices.Contains([]string{"::", "<>", "!=", "<=", ">=", "==", "||"}, s[i:i+2]) {
				toks = append(toks, s[i:i+2])
				i += 2
				continue
			}
			toks = append(toks, string(c))
			i++
		}
	}
	return toks
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// sqliteChecks returns the normalized expressions of the CHECK constraints in a CREATE TABLE
// statement, column constraints and table constraints alike.
func sqliteChecks(createTable string) []string {
	toks := sqlTokens(createTable)
	var checks []string
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] != "check" || toks[i+1] != "(" {
			continue
		}
		depth, j := 0, i+1
		for ; j < len(toks); j++ {
			if toks[j] == "(" {
				depth++
			} else if toks[j] == ")" {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		checks = append(checks, normalizeExpr(strings.Join(toks[i+2:min(j, len(toks))], " ")))
		i = j
	}
	return checks
}

// sqliteIndexPredicate returns the normalized WHERE of a CREATE INDEX statement, or "".
func sqliteIndexPredicate(createIndex string) string {
	toks := sqlTokens(createIndex)
	depth := 0
	for i, t := range toks {
		switch t {
		case "(":
			depth++
		case ")":
			depth--
		case "where":
			if depth == 0 {
				return normalizeExpr(strings.Join(toks[i+1:], " "))
			}
		}
	}
	return ""
}

// triggerEvents returns the statements a CREATE TRIGGER fires on (INSERT, UPDATE, DELETE).
func triggerEvents(createTrigger string) []string {
	var events []string
	for _, t := range sqlTokens(createTrigger) {
		switch t {
		case "insert", "update", "delete":
			events = append(events, strings.ToUpper(t))
		case "on", "begin", "when":
			return events
		}
	}
	return events
}

type side struct {
	item string
	left bool // found on the left (SQLite) side only
}

// multisetDiff lists the items of a and b that the other lacks, counting repeats.
func multisetDiff(a, b []string) []side {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	var out []side
	for _, x := range unionKeys(count, count) {
		for n := count[x]; n > 0; n-- {
			out = append(out, side{x, true})
		}
		for n := count[x]; n < 0; n++ {
			out = append(out, side{x, false})
		}
	}
	return out
}

func unionKeys[V any, W any](a map[string]V, b map[string]W) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fkStrings(fks []fkey) []string {
	out := make([]string, len(fks))
	for i, f := range fks {
		out[i] = f.String()
	}
	return out
}

func distinct(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return slices.Compact(out)
}

func onlyOn(sqlite bool) string {
	if sqlite {
		return "sqlite"
	}
	return "postgres"
}

func nullability(notNull bool) string {
	if notNull {
		return "NOT NULL"
	}
	return "nullable"
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
