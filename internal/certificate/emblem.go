package certificate

import (
	"math"
	"strings"

	"github.com/go-pdf/fpdf"
)

// The certificate's colours: the green of erikti's pages and a gold for the frame and the mark.
var (
	green = [3]int{21, 101, 72}
	gold  = [3]int{176, 137, 52}
)

func fill(pdf *fpdf.Fpdf, c [3]int)      { pdf.SetFillColor(c[0], c[1], c[2]) }
func draw(pdf *fpdf.Fpdf, c [3]int)      { pdf.SetDrawColor(c[0], c[1], c[2]) }
func textColor(pdf *fpdf.Fpdf, c [3]int) { pdf.SetTextColor(c[0], c[1], c[2]) }

// emblem draws the mark of the Year of Volunteers 2026 centred at (cx, cy) with radius r, in
// vectors: a green ring with the Year's name in lang set along its top, a gold heart held by
// the ring's open hands of dots below it, and 2026 in the middle.
func emblem(pdf *fpdf.Fpdf, cx, cy, r float64, name string) {
	fill(pdf, green)
	pdf.Circle(cx, cy, r, "F")
	pdf.SetLineWidth(0.35)
	draw(pdf, gold)
	pdf.Circle(cx, cy, r*0.93, "D")
	pdf.SetFillColor(255, 255, 255)
	pdf.Circle(cx, cy, r*0.64, "F")
	pdf.Circle(cx, cy, r*0.60, "D")

	// the Year's name along the top of the ring, each letter turned to face outwards
	ring := r * 0.785
	name = strings.ToUpper(name)
	size := 7.5
	pdf.SetFont("dejavu", "B", size)
	for size > 4 && pdf.GetStringWidth(name)/ring > 4.2 { // at most about 240° of the ring
		size -= 0.25
		pdf.SetFont("dejavu", "B", size)
	}
	pdf.SetTextColor(255, 255, 255)
	capHeight := size * 0.3528 * 0.72
	total := pdf.GetStringWidth(name) / ring
	at := -total / 2
	for _, ch := range name {
		s := string(ch)
		w := pdf.GetStringWidth(s)
		mid := at + w/2/ring
		pdf.TransformBegin()
		pdf.TransformRotate(-mid*180/math.Pi, cx, cy)
		pdf.Text(cx-w/2, cy-ring+capHeight/2, s)
		pdf.TransformEnd()
		at += w / ring
	}
	// three gold stars along the bottom of the ring
	for _, deg := range []float64{150, 180, 210} {
		a := deg * math.Pi / 180
		star(pdf, cx+ring*math.Sin(a), cy-ring*math.Cos(a), r*0.085)
	}

	// a heart above the year
	hx, hy, hs := cx, cy-r*0.2, r*0.21
	fill(pdf, gold)
	pdf.MoveTo(hx, hy+hs*0.9)
	pdf.CurveBezierCubicTo(hx-hs*1.5, hy-hs*0.1, hx-hs*0.8, hy-hs*1.25, hx, hy-hs*0.45)
	pdf.CurveBezierCubicTo(hx+hs*0.8, hy-hs*1.25, hx+hs*1.5, hy-hs*0.1, hx, hy+hs*0.9)
	pdf.ClosePath()
	pdf.DrawPath("F")

	pdf.SetFont("dejavu", "B", r*0.95)
	textColor(pdf, green)
	w := pdf.GetStringWidth("2026")
	pdf.Text(cx-w/2, cy+r*0.38, "2026")
}

// star draws a filled five-pointed star centred at (x, y) with outer radius r.
func star(pdf *fpdf.Fpdf, x, y, r float64) {
	pts := make([]fpdf.PointType, 0, 10)
	for i := range 10 {
		rr := r
		if i%2 == 1 {
			rr = r * 0.42
		}
		a := float64(i) * math.Pi / 5
		pts = append(pts, fpdf.PointType{X: x + rr*math.Sin(a), Y: y - rr*math.Cos(a)})
	}
	fill(pdf, gold)
	pdf.Polygon(pts, "F")
}

// frame draws the page's double border: a green line and a thin gold one inside it, with gold
// corner marks.
func frame(pdf *fpdf.Fpdf, w, h float64) {
	draw(pdf, green)
	pdf.SetLineWidth(1.1)
	pdf.Rect(8, 8, w-16, h-16, "D")
	draw(pdf, gold)
	pdf.SetLineWidth(0.3)
	pdf.Rect(10.5, 10.5, w-21, h-21, "D")
	fill(pdf, gold)
	for _, p := range [][2]float64{{10.5, 10.5}, {w - 10.5, 10.5}, {10.5, h - 10.5}, {w - 10.5, h - 10.5}} {
		d := 2.2
		pdf.Polygon([]fpdf.PointType{{X: p[0] - d, Y: p[1]}, {X: p[0], Y: p[1] - d}, {X: p[0] + d, Y: p[1]}, {X: p[0], Y: p[1] + d}}, "F")
	}
}

// rule draws a horizontal line from x0 to x1 at y with a gold diamond in its middle.
func rule(pdf *fpdf.Fpdf, x0, x1, y float64) {
	draw(pdf, gold)
	pdf.SetLineWidth(0.3)
	m := (x0 + x1) / 2
	pdf.Line(x0, y, m-3, y)
	pdf.Line(m+3, y, x1, y)
	fill(pdf, gold)
	pdf.Polygon([]fpdf.PointType{{X: m - 1.6, Y: y}, {X: m, Y: y - 1.6}, {X: m + 1.6, Y: y}, {X: m, Y: y + 1.6}}, "F")
}
