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

// Issuer is who issues and signs the certificates: Almaty's Volunteers Front Office, the person
// who signs for it and, once the Front Office set them, the images of its seal and of that
// person's signature (PNG, with transparency). erikti only carries the certificate: the page
// names it as the service it was issued through, never as the issuer.
type Issuer struct {
	Name      domain.Text // the Front Office, in each language
	Signatory domain.Text // the signing person's name; the block shows only a line to sign on when empty
	Position  domain.Text // the signing person's position
	Seal      []byte      // PNG, or nil: no seal is drawn
	Signature []byte      // PNG, or nil: the line stays blank
}

// DefaultIssuer is the Front Office with its name in the three languages and the position of its
// head, no person named and no images: what serve uses when its flags do not say otherwise.
func DefaultIssuer() Issuer {
	return Issuer{
		Name: domain.Text{KK: "Алматы қаласының Волонтерлер фронт-офисі", RU: "Фронт-офис волонтёров города Алматы",
			EN: "Almaty Volunteers Front Office"},
		Position: domain.Text{KK: "Волонтерлер фронт-офисінің басшысы", RU: "Руководитель фронт-офиса волонтёров",
			EN: "Head of the Volunteers Front Office"},
	}
}

// MaxOrganizations is how many organizations the page names; the rest are counted ("and 2 more").
const MaxOrganizations = 6

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

// The page, in millimetres: A4 inside a double frame, the header with the mark and the issuer,
// the facts and the lists in the middle, the signature block and the QR code at the foot.
const (
	margin    = 22.0  // the text's left and right margin
	middleTop = 56.0  // where the title may start
	footTop   = 224.0 // where the signature block and the QR code start
	qrSize    = 34.0
)

// A list on the page: its heading and its items.
type list struct {
	heading string
	items   []string
	more    int // how many items there were past those listed
}

// listLayout is how the lists are set: in cols columns of type size points.
type listLayout struct {
	cols int
	size float64
}

// The lists' layouts, tried in order until one fits between the facts and the signatures: one
// column of 11 pt type, then 10, then two columns of 10 down to 8, then three of 8 pt. When even three
// columns do not hold every event, the last row slot says how many more there were.
var listLayouts = [...]listLayout{{1, 11}, {1, 10}, {2, 10}, {2, 9}, {2, 8}, {3, 8}}

const (
	listHeading = 7.0 // a list's heading's height
	listGap     = 3.0 // the space after a list
)

func (l listLayout) row() float64 { return l.size * 0.3528 * 1.35 }

// height is how tall the lists are in this layout.
func (l listLayout) height(lists []list) float64 {
	h := 0.0
	for _, ls := range lists {
		n := len(ls.items)
		if ls.more > 0 {
			n++
		}
		if n == 0 {
			continue
		}
		h += listHeading + float64((n+l.cols-1)/l.cols)*l.row() + listGap
	}
	return h
}

// fit chooses the first layout in which the lists fit in room; when none does, the last, with
// the last list cut to the rows that fit and its last slot counting the rest.
func fit(lists []list, room float64) listLayout {
	for _, l := range listLayouts {
		if l.height(lists) <= room {
			return l
		}
	}
	l := listLayouts[len(listLayouts)-1]
	last := &lists[len(lists)-1]
	before := l.height(lists[:len(lists)-1])
	rows := int((room - before - listHeading - listGap) / l.row())
	keep := max(rows*l.cols-1, 0)
	if keep < len(last.items) {
		last.more += len(last.items) - keep
		last.items = last.items[:keep]
	}
	return l
}

// Render writes c as one A4 page in c.Lang, issued by iss; verifyURL is the address of its
// verification page, which the QR code holds.
func Render(msgs *locale.Bundle, c domain.Certificate, verifyURL string, iss Issuer) ([]byte, error) {
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
	issuer := iss.Name.In(lang)
	pdf.SetTitle(title+" — "+name, true)
	pdf.SetSubject(t("cert.pdf_subject", map[string]any{"code": c.Code}), true)
	pdf.SetAuthor(issuer, true)
	pdf.SetCreator("erikti", true)
	pdf.SetLang(lang)
	pdf.SetCreationDate(c.CreatedAt)
	pdf.SetModificationDate(c.CreatedAt)
	pdf.SetCatalogSort(true)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	width, height := pdf.GetPageSize()
	inner := width - 2*margin
	grey := func() { pdf.SetTextColor(85, 85, 85) }
	ink := func() { pdf.SetTextColor(20, 20, 20) }

	frame(pdf, width, height)

	// the header: the Year's mark and the issuer
	emblem(pdf, margin+15, 33, 15, t("cert.pdf_year", nil))
	pdf.SetFont("dejavu", "B", 13)
	lines := pdf.SplitText(strings.ToUpper(issuer), inner-38)
	pdf.SetXY(margin+38, 33-float64(len(lines))*3.4)
	textColor(pdf, green)
	pdf.MultiCell(inner-38, 6.8, strings.ToUpper(issuer), "", "L", false)
	rule(pdf, margin, width-margin, 50)

	// the facts, then the lists, set in the room left between the header and the foot
	nameSize := 22.0
	for pdf.SetFont("dejavu", "B", nameSize); nameSize > 12 && pdf.GetStringWidth(name) > inner-4; pdf.SetFont("dejavu", "B", nameSize) {
		nameSize--
	}
	nameLines := len(pdf.SplitText(name, inner))
	facts := 12 + 6 + 7 + 3 + float64(nameLines)*nameSize*0.5 + 6 + 7 + 7 + 5 + 8
	orgs, moreOrgs := Cut(c.Organizations, MaxOrganizations)
	titles := make([]string, len(c.Events))
	for i, e := range c.Events {
		titles[i] = e.In(lang)
	}
	lists := []list{{t("cert.organizations", nil), orgs, moreOrgs}, {t("cert.events", nil), titles, 0}}
	room := footTop - 6 - middleTop
	layout := fit(lists, room-facts)
	spare := room - facts - layout.height(lists)
	y := middleTop + min(spare*0.4, 30) // the spare room: some above the title, some before the lists, the rest at the foot
	between := min(spare*0.25, 16)

	pdf.SetXY(margin, y)
	pdf.SetFont("dejavu", "B", 26)
	ink()
	pdf.MultiCell(inner, 12, title, "", "C", false)
	pdf.Ln(6)
	pdf.SetFont("dejavu", "", 12)
	grey()
	pdf.MultiCell(inner, 7, t("cert.pdf_certifies", nil), "", "C", false)
	pdf.Ln(3)
	pdf.SetFont("dejavu", "B", nameSize)
	ink()
	pdf.MultiCell(inner, nameSize*0.5, name, "", "C", false)
	y = pdf.GetY() + 2
	draw(pdf, gold)
	pdf.SetLineWidth(0.3)
	pdf.Line(width/2-55, y, width/2+55, y)
	pdf.SetY(y + 4)
	pdf.SetFont("dejavu", "", 13)
	pdf.MultiCell(inner, 7, t("cert.pdf_gave", map[string]any{"hours": Hours(msgs, lang, c.TotalMinutes)}), "", "C", false)
	pdf.SetFont("dejavu", "", 12)
	pdf.MultiCell(inner, 7, t("cert.pdf_period", map[string]any{"period": Period(msgs, lang, c)}), "", "C", false)
	pdf.SetFont("dejavu", "", 9)
	grey()
	pdf.MultiCell(inner, 5, t("cert.pdf_issuer", nil), "", "C", false)
	pdf.Ln(8 + between)

	// the lists, in the chosen layout's columns, filled down then across
	colWidth := (inner - float64(layout.cols-1)*6) / float64(layout.cols)
	for _, ls := range lists {
		if len(ls.items) == 0 && ls.more == 0 {
			continue
		}
		pdf.SetFont("dejavu", "B", 11)
		textColor(pdf, green)
		pdf.CellFormat(inner, listHeading, ls.heading, "", 1, "L", false, 0, "")
		cells := make([]string, 0, len(ls.items)+1)
		for _, it := range ls.items {
			cells = append(cells, "•  "+it)
		}
		if ls.more > 0 {
			cells = append(cells, "    "+t("cert.more", map[string]any{"n": ls.more}))
		}
		rows := (len(cells) + layout.cols - 1) / layout.cols
		top := pdf.GetY()
		pdf.SetFont("dejavu", "", layout.size)
		for i, cell := range cells {
			ink()
			if ls.more > 0 && i == len(cells)-1 {
				grey()
			}
			pdf.SetXY(margin+float64(i/rows)*(colWidth+6), top+float64(i%rows)*layout.row())
			pdf.CellFormat(colWidth, layout.row(), oneLine(pdf, cell, colWidth), "", 0, "L", false, 0, "")
		}
		pdf.SetXY(margin, top+float64(rows)*layout.row()+listGap)
	}

	if err := signatures(pdf, iss, lang, footTop); err != nil {
		return nil, err
	}
	pdf.SetXY(margin, footTop+40)
	pdf.SetFont("dejavu", "", 9)
	grey()
	pdf.CellFormat(100, 5, t("cert.issued_on", map[string]any{"date": Date(msgs, lang, c.CreatedAt.In(domain.Almaty()))}), "", 0, "L", false, 0, "")

	// the QR code of the verification page, the code under it
	qrX := width - margin - qrSize
	pdf.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(qr))
	pdf.ImageOptions("qr", qrX, footTop, qrSize, qrSize, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, verifyURL)
	pdf.SetXY(qrX-10, footTop+qrSize+1)
	pdf.SetFont("dejavu", "", 8)
	grey()
	pdf.CellFormat(qrSize+10, 4, t("cert.code", nil), "", 2, "C", false, 0, "")
	pdf.SetFont("dejavu", "B", 10.5)
	ink()
	pdf.CellFormat(qrSize+10, 5.5, c.Code, "", 0, "C", false, 0, "")

	// the foot: the service it was issued through and where to check it
	pdf.SetXY(margin, height-26)
	pdf.SetFont("dejavu", "", 8)
	grey()
	pdf.MultiCell(inner, 4, t("cert.pdf_verify", nil), "", "C", false)
	textColor(pdf, green)
	pdf.MultiCell(inner, 4, verifyURL, "", "C", false)

	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("certificate: pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate: pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// signatures draws the signature block at top: the signatory's position, a line to sign on with
// the signature's image over it, their name under it, and the seal across the line's end, as a
// stamp is pressed; without images, the line stays blank and no seal is drawn.
func signatures(pdf *fpdf.Fpdf, iss Issuer, lang string, top float64) error {
	const lineEnd = margin + 82
	pdf.SetXY(margin, top)
	pdf.SetFont("dejavu", "", 9.5)
	pdf.SetTextColor(85, 85, 85)
	pdf.MultiCell(90, 4.6, iss.Position.In(lang), "", "L", false)
	lineY := top + 31
	if len(iss.Signature) > 0 {
		if err := drawImage(pdf, "signature", iss.Signature, margin+2, top+11, 60, 19); err != nil {
			return err
		}
	}
	draw(pdf, [3]int{60, 60, 60})
	pdf.SetLineWidth(0.3)
	pdf.Line(margin, lineY, lineEnd, lineY)
	if name := iss.Signatory.In(lang); name != "" {
		pdf.SetXY(margin, lineY+1.5)
		pdf.SetFont("dejavu", "B", 11)
		pdf.SetTextColor(20, 20, 20)
		pdf.CellFormat(90, 6, name, "", 0, "L", false, 0, "")
	}
	if len(iss.Seal) > 0 {
		if err := drawImage(pdf, "seal", iss.Seal, lineEnd-24, lineY-22, 36, 36); err != nil {
			return err
		}
	}
	return nil
}

// drawImage draws the PNG img centred in the box at (x, y) of w by h, as large as fits without
// changing its proportions.
func drawImage(pdf *fpdf.Fpdf, name string, img []byte, x, y, w, h float64) error {
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	info := pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(img))
	if err := pdf.Error(); err != nil || info == nil {
		return fmt.Errorf("certificate: the %s image: %w", name, err)
	}
	scale := min(w/info.Width(), h/info.Height())
	iw, ih := info.Width()*scale, info.Height()*scale
	pdf.ImageOptions(name, x+(w-iw)/2, y+(h-ih)/2, iw, ih, false, opt, 0, "")
	return nil
}
