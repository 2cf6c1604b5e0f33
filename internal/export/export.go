// Package export writes tables of rows as files people open in a spreadsheet: CSV (RFC 4180)
// and XLSX. Both write row by row, so an export of any length never holds its rows in memory.
package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Format is a file format of an export.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat reads a format's name; ok is false for any other.
func ParseFormat(s string) (Format, bool) {
	switch Format(s) {
	case CSV, XLSX:
		return Format(s), true
	}
	return "", false
}

// ContentType is the media type a file of the format is served with.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Writer writes the rows of one table. A cell is a string, an int or a float64; Close finishes the file.
type Writer interface {
	Write(cells ...any) error
	Close() error
}

// New starts a file of format f on w.
func New(f Format, w io.Writer) (Writer, error) {
	if f == XLSX {
		return newXLSX(w)
	}
	return newCSV(w)
}

// csvWriter writes RFC 4180: fields quoted when they need it, lines ended by CRLF.
type csvWriter struct {
	buf *bufio.Writer
	w   *csv.Writer
	row []string
}

// bom is the UTF-8 byte order mark. CSV itself needs none, but Excel reads a file without it in
// the system's legacy code page, which turns Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) into
// garbage; with it, Excel reads UTF-8. Other readers (encoding/csv aside) skip it.
const bom = "\uFEFF"

func newCSV(w io.Writer) (*csvWriter, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString(bom); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	return &csvWriter{buf: buf, w: cw}, nil
}

func (c *csvWriter) Write(cells ...any) error {
	c.row = c.row[:0]
	for _, v := range cells {
		switch v := v.(type) {
		case string:
			c.row = append(c.row, Neutralize(v))
		case int:
			c.row = append(c.row, strconv.Itoa(v))
		case float64:
			c.row = append(c.row, strconv.FormatFloat(v, 'f', -1, 64))
		default:
			return fmt.Errorf("export: a cell of type %T", v)
		}
	}
	return c.w.Write(c.row)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

// Neutralize keeps a spreadsheet from taking a text cell for a formula (CSV injection, after
// OWASP's advice): a cell that begins with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate. Every other cell is kept as is.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// xlsxWriter writes one sheet through excelize's StreamWriter, which keeps a small buffer of rows
// and moves the rest to a temporary file, so memory stays flat whatever the count. The cells are
// typed strings and numbers, never formulas, so they need no neutralizing.
type xlsxWriter struct {
	out  io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
	vals []any
}

// sheet is the name of the one sheet.
const sheet = "erikti"

func newXLSX(w io.Writer) (*xlsxWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		f.Close()
		return nil, err
	}
	// The stream writes the sheet's head before its rows, so it cannot know the used range; it
	// would claim A1, which readers that trust it (openpyxl's read-only mode) stop at. The
	// element is optional: without it, readers take the rows as they come.
	if err := f.SetSheetDimension(sheet, ""); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxWriter{out: w, f: f, sw: sw}, nil
}

func (x *xlsxWriter) Write(cells ...any) error {
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	x.vals = x.vals[:0]
	for _, v := range cells {
		switch v.(type) {
		case string, int, float64:
			x.vals = append(x.vals, v)
		default:
			return fmt.Errorf("export: a cell of type %T", v)
		}
	}
	return x.sw.SetRow(cell, x.vals)
}

// Close writes the workbook: the sheet's rows come back from the StreamWriter's temporary file
// straight into the zip written to the output.
func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.out)
	return err
}
