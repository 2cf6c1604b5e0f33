package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+7 701": "'+7 701", "-1": "'-1", "@cmd": "'@cmd", "\tx": "'\tx", "\rx": "'\rx",
		"": "", "Әлия": "Әлия", "a=b": "a=b", "'=x": "'=x",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVIsRFC4180(t *testing.T) {
	var b bytes.Buffer
	w, err := New(CSV, &b)
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"Іс-шара", "Ерікті"}, {"«Жаңа жыл», \"Алматы\"", "=1+2"}, {"екі\nжол", 3, 1.25}}
	for _, r := range rows {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(b.String(), "\uFEFF")
	if !ok || !strings.HasSuffix(body, "\r\n") {
		t.Fatalf("no byte order mark or CRLF: %q", b.String())
	}
	r := csv.NewReader(strings.NewReader(body))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Іс-шара", "Ерікті"}, {"«Жаңа жыл», \"Алматы\"", "'=1+2"}, {"екі\nжол", "3"}}
	if len(got) != 3 || strings.Join(got[1], "|") != strings.Join(want[1], "|") || got[2][0] != want[2][0] || got[2][1] != "3" || got[2][2] != "1.25" {
		t.Fatalf("got %q", got)
	}
	if err := w.Write(true); err == nil {
		t.Error("a bool was taken")
	}
}

func TestXLSXReadsBack(t *testing.T) {
	var b bytes.Buffer
	w, err := New(XLSX, &b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := w.Write("Ұйым", "=HYPERLINK(\"x\")", i, float64(i)+0.5); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) != 3 || rows[2][0] != "Ұйым" || rows[2][1] != "=HYPERLINK(\"x\")" || rows[2][2] != "2" || rows[2][3] != "2.5" {
		t.Fatalf("%q %v", rows, err)
	}
	if fm, _ := f.GetCellFormula(sheet, "B1"); fm != "" {
		t.Errorf("B1 is a formula: %q", fm)
	}
	if f, ok := ParseFormat("pdf"); ok || f != "" {
		t.Error("pdf parsed")
	}
}
