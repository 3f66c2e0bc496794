package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strings"
)

// plotFile is the sweep's plot, next to the report.
const plotFile = "latency-vs-throughput.png"

var (
	white = color.RGBA{255, 255, 255, 255}
	ink   = color.RGBA{40, 40, 40, 255}
	grid  = color.RGBA{225, 225, 225, 255}
	blue  = color.RGBA{31, 119, 180, 255}
	red   = color.RGBA{214, 39, 40, 255}
	gray  = color.RGBA{150, 150, 150, 255}
)

// series is one line of the plot.
type series struct {
	name   string
	color  color.RGBA
	points [][2]float64
}

// drawPlot draws two panels from the sweep, each with takeTurn's p50 and p95 latency and its
// floor's p50 at the same concurrency: on the left against takeTurn throughput (one point per
// step, labelled with its concurrency c), on the right against c on a doubling scale, which
// stays readable when throughput stops growing. It uses only the standard library: lines,
// squares and a small built-in pixel font.
func drawPlot(path string, sweep []sweepPoint) error {
	const w, h = 1400, 600
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, img.Bounds(), white)
	lines := []series{{name: "takeTurn p95", color: red}, {name: "takeTurn p50", color: blue}, {name: "floor p50 (same concurrency)", color: gray}}
	byConcurrency := make([]series, len(lines))
	var ticks []string
	for i, p := range sweep {
		x := p.TakeTurn.SuccessfulPerSec
		ys := []float64{ms(p.TakeTurn.P95), ms(p.TakeTurn.P50), ms(p.Floor.P50)}
		for j, y := range ys {
			lines[j].points = append(lines[j].points, [2]float64{x, y})
			byConcurrency[j] = series{name: lines[j].name, color: lines[j].color,
				points: append(byConcurrency[j].points, [2]float64{float64(i), y})}
		}
		ticks = append(ticks, fmt.Sprint(p.Concurrency))
	}
	for i, s := range lines {
		fill(img, image.Rect(90+i*330, 20, 110+i*330, 30), s.color)
		text(img, 118+i*330, 20, s.name, ink)
	}
	var labels []string
	for _, p := range sweep {
		labels = append(labels, fmt.Sprintf("c=%d", p.Concurrency))
	}
	panel(img, image.Rect(0, 50, w/2, h), lines, nil, labels, "latency (ms) vs takeTurn calls per second")
	panel(img, image.Rect(w/2, 50, w, h), byConcurrency, ticks, nil, "latency (ms) vs calls in flight (c)")

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// panel draws lines in area with axes from zero. With xTicks, the x values are their indexes
// and the ticks are labelled with them; without, x ticks are round numbers. Each point of the
// first line gets its label from pointLabels, if given.
func panel(img *image.RGBA, area image.Rectangle, lines []series, xTicks, pointLabels []string, title string) {
	left, right, top, bottom := area.Min.X+90, area.Max.X-40, area.Min.Y+40, area.Max.Y-60
	var xmax, ymax float64
	for _, s := range lines {
		for _, p := range s.points {
			xmax, ymax = max(xmax, p[0]), max(ymax, p[1])
		}
	}
	xstep, ystep := niceStep(xmax/6), niceStep(ymax/6)
	xmax, ymax = xstep*math.Ceil(xmax*1.05/xstep), ystep*math.Ceil(ymax*1.05/ystep)
	if xTicks != nil {
		xstep, xmax = 1, float64(max(1, len(xTicks)-1))+0.3
	}
	px := func(x float64) int { return left + int(x/xmax*float64(right-left)) }
	py := func(y float64) int { return bottom - int(y/ymax*float64(bottom-top)) }
	for x := 0.0; x <= xmax+xstep/2 && (xTicks == nil || int(x) < len(xTicks)); x += xstep {
		line(img, px(x), top, px(x), bottom, grid, 1)
		label := trimNumber(x)
		if xTicks != nil {
			label = xTicks[int(x)]
		}
		text(img, px(x)-len(label)*4, bottom+10, label, ink)
	}
	for y := 0.0; y <= ymax+ystep/2; y += ystep {
		line(img, left, py(y), right, py(y), grid, 1)
		label := trimNumber(y)
		text(img, left-10-len(label)*8, py(y)-5, label, ink)
	}
	line(img, left, bottom, right, bottom, ink, 2)
	line(img, left, top, left, bottom, ink, 2)
	text(img, left, area.Min.Y+10, title, ink)
	for _, s := range lines {
		for j := 1; j < len(s.points); j++ {
			a, b := s.points[j-1], s.points[j]
			line(img, px(a[0]), py(a[1]), px(b[0]), py(b[1]), s.color, 2)
		}
		for _, p := range s.points {
			fill(img, image.Rect(px(p[0])-3, py(p[1])-3, px(p[0])+4, py(p[1])+4), s.color)
		}
	}
	for i, label := range pointLabels {
		pt := lines[0].points[i]
		text(img, px(pt[0])+6, py(pt[1])-16, label, ink)
	}
}

func ms(d interface{ Seconds() float64 }) float64 { return d.Seconds() * 1000 }

// niceStep rounds a tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func trimNumber(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(s, "0"), "."), ".")
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// line draws a straight line width pixels thick (Bresenham).
func line(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA, width int) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		fill(img, image.Rect(x0, y0, x0+width, y0+width), c)
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

func abs(v int) int  { return max(v, -v) }
func sign(v int) int { return max(-1, min(1, v)) }

// text writes s in a 3×5 pixel font scaled twice (capitals only); 8 pixels a character.
func text(img *image.RGBA, x, y int, s string, c color.RGBA) {
	for _, r := range strings.ToUpper(s) {
		g, ok := font[r]
		if ok {
			for row, bits := range g {
				for col, b := range bits {
					if b == '#' {
						fill(img, image.Rect(x+2*col, y+2*row, x+2*col+2, y+2*row+2), c)
					}
				}
			}
		}
		x += 8
	}
}

var font = map[rune][5]string{
	'A': {".#.", "#.#", "###", "#.#", "#.#"}, 'B': {"##.", "#.#", "##.", "#.#", "##."},
	'C': {".##", "#..", "#..", "#..", ".##"}, 'D': {"##.", "#.#", "#.#", "#.#", "##."},
	'E': {"###", "#..", "##.", "#..", "###"}, 'F': {"###", "#..", "##.", "#..", "#.."},
	'G': {".##", "#..", "#.#", "#.#", ".##"}, 'H': {"#.#", "#.#", "###", "#.#", "#.#"},
	'I': {"###", ".#.", ".#.", ".#.", "###"}, 'J': {"..#", "..#", "..#", "#.#", ".#."},
	'K': {"#.#", "#.#", "##.", "#.#", "#.#"}, 'L': {"#..", "#..", "#..", "#..", "###"},
	'M': {"#.#", "###", "###", "#.#", "#.#"}, 'N': {"##.", "#.#", "#.#", "#.#", "#.#"},
	'O': {".#.", "#.#", "#.#", "#.#", ".#."}, 'P': {"##.", "#.#", "##.", "#..", "#.."},
	'Q': {".#.", "#.#", "#.#", "##.", ".##"}, 'R': {"##.", "#.#", "##.", "#.#", "#.#"},
	'S': {".##", "#..", ".#.", "..#", "##."}, 'T': {"###", ".#.", ".#.", ".#.", ".#."},
	'U': {"#.#", "#.#", "#.#", "#.#", "###"}, 'V': {"#.#", "#.#", "#.#", "#.#", ".#."},
	'W': {"#.#", "#.#", "###", "###", "#.#"}, 'X': {"#.#", "#.#", ".#.", "#.#", "#.#"},
	'Y': {"#.#", "#.#", ".#.", ".#.", ".#."}, 'Z': {"###", "..#", ".#.", "#..", "###"},
	'0': {"###", "#.#", "#.#", "#.#", "###"}, '1': {".#.", "##.", ".#.", ".#.", "###"},
	'2': {"##.", "..#", ".#.", "#..", "###"}, '3': {"##.", "..#", ".#.", "..#", "##."},
	'4': {"#.#", "#.#", "###", "..#", "..#"}, '5': {"###", "#..", "##.", "..#", "##."},
	'6': {".##", "#..", "###", "#.#", "###"}, '7': {"###", "..#", ".#.", ".#.", ".#."},
	'8': {"###", "#.#", "###", "#.#", "###"}, '9': {"###", "#.#", "###", "..#", "##."},
	'.': {"...", "...", "...", "...", ".#."}, '/': {"..#", "..#", ".#.", "#..", "#.."},
	'=': {"...", "###", "...", "###", "..."}, '(': {".#.", "#..", "#..", "#..", ".#."},
	')': {".#.", "..#", "..#", "..#", ".#."}, '-': {"...", "...", "###", "...", "..."},
	',': {"...", "...", "...", ".#.", "#.."},
}
