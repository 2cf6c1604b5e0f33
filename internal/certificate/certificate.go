// Package certificate writes a volunteer's certificate as a PDF: the certificate's frozen facts
// in, the document out, in the certificate's language, with a QR code of its verification page.
// It renders only; the store keeps certificates and the web serves them.
package certificate

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/qrcode"
)

// DejaVu Sans (Bitstream Vera licence, fonts/LICENSE) covers Cyrillic with every Kazakh letter
// (ә ғ қ ң ө ұ ү һ і); fpdf embeds the subset of it the document uses.
var (
	//go:embed fonts/DejaVuSans.ttf
	regularFont []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldFont []byte
)

// BoldFont is DejaVu Sans Bold as TrueType, for other pictures that write Kazakh (the demo's logos).
func BoldFont() []byte { return boldFont }

// How many organizations and events the page lists; the rest are counted ("and 12 more").
const (
	MaxOrganizations = 6
	MaxEvents        = 10
)

// Hours writes minutes as hours and minutes in lang, with CLDR plurals: "3 hours 5 minutes",
// "3 часа 5 минут", "3 сағат 5 минут".
func Hours(msgs *locale.Bundle, lang string, minutes int) string {
	h, m := minutes/60, minutes%60
	hp := msgs.T(lang, "cert.hours", map[string]any{"h": h})
	mp := msgs.T(lang, "cert.minutes", map[string]any{"m": m})
	switch {
	case m == 0:
		return hp
	case h == 0:
		return mp
	}
	return hp + " " + mp
}

// Date writes a calendar date in lang: "5 March 2026", "5 марта 2026 г.", "2026 ж. 5 наурыз".
func Date(msgs *locale.Bundle, lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return msgs.T(lang, "format.date", map[string]any{"day": t.Day(), "month": msgs.T(lang, fmt.Sprintf("month.%d", t.Month()), nil),
		"year": strconv.Itoa(t.Year())})
}

// Period writes the certificate's first and last day, or the one day.
func Period(msgs *locale.Bundle, lang string, c domain.Certificate) string {
	if c.FirstDay.Equal(c.LastDay) {
		return Date(msgs, lang, c.FirstDay)
	}
	return Date(msgs, lang, c.FirstDay) + " – " + Date(msgs, lang, c.LastDay)
}

// Cut keeps the first max of items and says how many more there were.
func Cut[T any](items []T, max int) ([]T, int) {
	if len(items) <= max {
		return items, 0
	}
	return items[:max], len(items) - max
}

// oneLine cuts s with an ellipsis to fit width in the current font.
func oneLine(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,.;:") + "…"
}

// Render writes c as an A4 PDF in c.Lang; verifyURL is the address of its verification page,
// which the QR code holds.
func Render(msgs *locale.Bundle, c domain.Certificate, verifyURL string) ([]byte, error) {
	lang := c.Lang
	t := func(key string, params map[string]any) string { return msgs.T(lang, key, params) }
	qr, err := qrcode.PNG(verifyURL, 600)
	if err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("dejavu", "", regularFont)
	pdf.AddUTF8FontFromBytes("dejavu", "B", boldFont)
	title := t("cert.pdf_title", nil)
	name := c.Name
	if name == "" {
		name = t("cert.name_removed", nil)
	}
	pdf.SetTitle(title+" — "+name, true)
	pdf.SetSubject(t("cert.pdf_subject", map[string]any{"code": c.Code}), true)
	pdf.SetAuthor("erikti", true)
	pdf.SetCreator("erikti", true)
	pdf.SetLang(lang)
	pdf.SetCreationDate(c.CreatedAt)
	pdf.SetModificationDate(c.CreatedAt)
	pdf.SetCatalogSort(true)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddPage()
	width, _ := pdf.GetPageSize()
	inner := width - 40

	grey := func() { pdf.SetTextColor(90, 90, 90) }
	ink := func() { pdf.SetTextColor(20, 20, 20) }

	// the issuer and the title
	pdf.SetFont("dejavu", "B", 11)
	pdf.SetTextColor(21, 101, 72)
	pdf.CellFormat(inner, 6, "erikti", "", 1, "L", false, 0, "")
	pdf.SetFont("dejavu", "", 9)
	grey()
	pdf.MultiCell(inner, 5, t("cert.pdf_issuer", nil), "", "L", false)
	pdf.Ln(8)
	pdf.SetFont("dejavu", "B", 26)
	ink()
	pdf.MultiCell(inner, 12, title, "", "C", false)
	pdf.Ln(6)

	// who, how much, when
	pdf.SetFont("dejavu", "", 12)
	grey()
	pdf.MultiCell(inner, 7, t("cert.pdf_certifies", nil), "", "C", false)
	pdf.Ln(3)
	// the name on one line when it fits at a readable size, wrapped only when it cannot
	size := 20.0
	for pdf.SetFont("dejavu", "B", size); size > 11 && pdf.GetStringWidth(name) > inner; pdf.SetFont("dejavu", "B", size) {
		size--
	}
	ink()
	pdf.MultiCell(inner, size/2, name, "", "C", false)
	pdf.Ln(3)
	pdf.SetFont("dejavu", "", 12)
	pdf.MultiCell(inner, 7, t("cert.pdf_gave", map[string]any{"hours": Hours(msgs, lang, c.TotalMinutes)}), "", "C", false)
	pdf.MultiCell(inner, 7, t("cert.pdf_period", map[string]any{"period": Period(msgs, lang, c)}), "", "C", false)
	pdf.Ln(6)
	y := pdf.GetY()
	pdf.SetDrawColor(200, 200, 200)
	pdf.Line(20, y, width-20, y)
	pdf.Ln(6)

	// where: the organizations and the events, cut sensibly
	list := func(heading string, items []string, more int) {
		pdf.SetFont("dejavu", "B", 12)
		ink()
		pdf.MultiCell(inner, 7, heading, "", "L", false)
		pdf.SetFont("dejavu", "", 10)
		for _, it := range items {
			pdf.CellFormat(inner, 5, oneLine(pdf, "•  "+it, inner), "", 1, "L", false, 0, "")
		}
		if more > 0 {
			grey()
			pdf.CellFormat(inner, 5, "   "+t("cert.more", map[string]any{"n": more}), "", 1, "L", false, 0, "")
		}
		pdf.Ln(3)
	}
	orgs, moreOrgs := Cut(c.Organizations, MaxOrganizations)
	list(t("cert.organizations", nil), orgs, moreOrgs)
	events, moreEvents := Cut(c.Events, MaxEvents)
	titles := make([]string, len(events))
	for i, e := range events {
		titles[i] = e.In(lang)
	}
	list(t("cert.events", nil), titles, moreEvents)

	// the code, the QR code of the verification page, the date issued
	const qrSize = 38.0
	if _, h := pdf.GetPageSize(); pdf.GetY()+4+qrSize > h-20 {
		pdf.AddPage()
	}
	pdf.Ln(4)
	top := pdf.GetY()
	pdf.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(qr))
	pdf.ImageOptions("qr", width-20-qrSize, top, qrSize, qrSize, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, verifyURL)
	textWidth := inner - qrSize - 6
	pdf.SetXY(20, top)
	pdf.SetFont("dejavu", "", 10)
	grey()
	pdf.MultiCell(textWidth, 5.5, t("cert.code", nil), "", "L", false)
	pdf.SetFont("dejavu", "B", 16)
	ink()
	pdf.MultiCell(textWidth, 9, c.Code, "", "L", false)
	pdf.SetFont("dejavu", "", 10)
	pdf.MultiCell(textWidth, 5.5, t("cert.pdf_verify", nil), "", "L", false)
	pdf.SetTextColor(21, 101, 72)
	pdf.MultiCell(textWidth, 5.5, verifyURL, "", "L", false)
	pdf.Ln(3)
	grey()
	pdf.MultiCell(textWidth, 5.5, t("cert.issued_on", map[string]any{"date": Date(msgs, lang, c.CreatedAt.In(domain.Almaty()))}), "", "L", false)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate: pdf: %w", err)
	}
	return buf.Bytes(), nil
}
