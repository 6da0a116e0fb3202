package app

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"runtime"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/chartset"
	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/charts"
)

// Export sizes: a full-HD slide, the size a board paper or a slide deck
// wants.
const (
	exportWidth  = 1920
	exportHeight = 1080
)

// coalescer runs one background job at a time and folds every request made
// meanwhile into a single rerun, so a burst of changes (an import of a
// thousand rows, a window being dragged wider) costs at most two renders,
// and starts no more than one job per minGap. All its fields belong to the
// UI goroutine.
type coalescer struct {
	ui *UI
	// prepare is called on the UI goroutine when a job starts; it captures
	// what the job needs and returns the work (off the UI goroutine) and
	// what to do with the result (on it).
	prepare func() (work func(), done func())
	minGap  time.Duration

	busy, dirty, waiting bool
	last                 time.Time
}

// request asks for the job to run (again).
func (c *coalescer) request() {
	if c.busy || c.waiting {
		c.dirty = c.busy
		return
	}
	if wait := c.minGap - time.Since(c.last); c.minGap > 0 && wait > 0 {
		c.waiting = true
		c.ui.after(wait, func() {
			c.waiting = false
			c.request()
		})
		return
	}
	c.busy, c.dirty, c.last = true, false, time.Now()
	work, done := c.prepare()
	c.ui.async(work, func() {
		done()
		c.busy = false
		if c.dirty {
			c.request()
		}
	})
}

// chartFeed gathers the current round's chart data once for everyone who
// shows it (the Charts screen and the presenter) and tells them when it
// changes.
type chartFeed struct {
	ui   *UI
	data *chartset.Set // nil until the first gather
	// version is the database's data version the data was read at.
	version   int64
	listeners map[any]func()
	loop      *coalescer
	// loads numbers the gathers, so that one for a round no longer shown
	// is dropped.
	loads loader
}

// listen calls fn after every gather, until unlisten(owner).
func (f *chartFeed) listen(owner any, fn func()) { f.listeners[owner] = fn }

// unlisten stops calling owner's listener.
func (f *chartFeed) unlisten(owner any) { delete(f.listeners, owner) }

func newChartFeed(ui *UI) *chartFeed {
	f := &chartFeed{ui: ui, listeners: map[any]func(){}}
	f.loop = &coalescer{ui: ui, prepare: f.prepare}
	return f
}

// reload gathers the round again, coalescing a burst of calls.
func (f *chartFeed) reload() { f.loop.request() }

func (f *chartFeed) prepare() (func(), func()) {
	ui, r, now := f.ui, f.ui.round, f.ui.now()
	t := f.loads.start(ui)
	var d *chartset.Set
	var v int64
	var err error
	return func() {
			if r.ID == 0 {
				return
			}
			if v, err = ui.db.DataVersion(t.ctx); err != nil {
				return
			}
			d, err = chartset.Gather(t.ctx, ui.db, r, now)
		}, func() {
			if !t.current(ui) {
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			f.data, f.version = d, v
			for _, l := range f.listeners {
				l()
			}
		}
}

// chartPanel is one live chart: a single canvas.Image whose Image is
// replaced when the chart is drawn again, and what it was last drawn from.
type chartPanel struct {
	img  *canvas.Image
	def  chartset.Def
	want fyne.Size // the size shown, in pixels
	drew string    // data and size of the image shown
}

func newChartPanel() *chartPanel {
	img := canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	return &chartPanel{img: img}
}

// renderJob is one chart to draw off the UI goroutine.
type renderJob struct {
	panel *chartPanel
	def   chartset.Def
	opts  charts.Options
	key   string
	out   image.Image
	err   error
}

// renderKey identifies what an image shows: the data, size and look.
func renderKey(def chartset.Def, o charts.Options) string {
	return fmt.Sprintf("%s|%s|%dx%d|%v|%.2f", def.Name, def.Data, o.Width, o.Height, o.Theme, o.FontScale)
}

// renderStale lists the panels whose data or size changed since they
// were drawn; on the UI goroutine.
func renderStale(panels []*chartPanel, look charts.Options) []*renderJob {
	var jobs []*renderJob
	for _, p := range panels {
		if p.def.Build == nil || p.want.Width < 16 || p.want.Height < 16 {
			continue
		}
		o := look
		o.Width, o.Height = int(p.want.Width), int(p.want.Height)
		if k := renderKey(p.def, o); k != p.drew {
			jobs = append(jobs, &renderJob{panel: p, def: p.def, opts: o, key: k})
		}
	}
	return jobs
}

// renderAll draws the jobs; off the UI goroutine.
// Charts are independent, so they are drawn on every core at once: on a
// two-core laptop the feedback charts come back in about half the time.
func renderAll(jobs []*renderJob) {
	var wg sync.WaitGroup
	next := make(chan *renderJob)
	for range min(runtime.NumCPU(), len(jobs)) {
		wg.Go(func() {
			for j := range next {
				j.out, j.err = j.def.Build(j.opts).Image()
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
}

// showRendered puts the drawn images on screen; on the UI goroutine.
func showRendered(jobs []*renderJob) error {
	var first error
	for _, j := range jobs {
		if j.err != nil {
			first = cmpErr(first, j.err)
			continue
		}
		j.panel.img.Image = j.out
		j.panel.drew = j.key
		j.panel.img.Refresh()
	}
	return first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// chartsScreen shows every chart of the round in a grid sized to the
// window, redrawn whenever the data changes.
type chartsScreen struct {
	ui     *UI
	feed   *chartFeed
	render *coalescer

	panels []*chartPanel
	cells  []fyne.CanvasObject
	grid   *fyne.Container
	layout *chartGrid
	scroll *container.Scroll
	status *widget.Label

	// presenter settings, kept here so the Charts screen can offer them.
	present *presenterSettings
	// presenting is the open presenter, if any.
	presenting *presenter
	// every is the presenter's ticker; tests replace it.
	every func(d time.Duration, f func()) (stop func())
	// renders counts finished render passes, for tests.
	renders int
}

func newCharts(ui *UI) *chartsScreen {
	s := &chartsScreen{ui: ui, feed: newChartFeed(ui), every: realEvery}
	s.render = &coalescer{ui: ui, prepare: s.prepareRender, minGap: 200 * time.Millisecond}
	s.feed.listen(s, s.dataChanged)
	return s
}

func (s *chartsScreen) title() string { return "Charts" }

func (s *chartsScreen) content() fyne.CanvasObject {
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.layout = &chartGrid{cols: 2, cell: fyne.NewSize(480, 320)}
	s.grid = container.New(s.layout)
	s.scroll = container.NewVScroll(s.grid)
	s.present = newPresenterSettings(s.ui)
	head := widget.NewLabelWithStyle("Charts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameHeadingText
	bar := container.NewBorder(nil, nil, head, s.present.toolbar())
	watch := container.New(&sizeWatch{changed: s.resized}, s.scroll)
	return container.NewBorder(container.NewVBox(container.NewPadded(bar), s.status), nil, nil, nil, watch)
}

// refresh gathers the round again; the charts redraw when it arrives.
func (s *chartsScreen) refresh() { s.feed.reload() }

// dataChanged rebuilds the grid when the set of charts changed and asks
// for the changed charts to be drawn.
func (s *chartsScreen) dataChanged() {
	d := s.feed.data
	if d == nil {
		return
	}
	defs := d.Charts()
	if len(defs) != len(s.panels) {
		s.panels = s.panels[:0]
		s.cells = nil
		for range defs {
			p := newChartPanel()
			s.panels = append(s.panels, p)
			s.cells = append(s.cells, s.cell(p))
		}
		s.grid.Objects = s.cells
		s.grid.Refresh()
		s.scroll.Refresh()
	}
	for i, def := range defs {
		s.panels[i].def = def
	}
	s.status.SetText(fmt.Sprintf("%s · %s. Charts redraw by themselves as data arrives. Export saves a %d×%d PNG or an SVG.",
		d.Round.Name, d.Figures.Feedback.RateText(), exportWidth, exportHeight))
	s.sizePanels()
	s.render.request()
}

// cell is a chart with its export buttons.
func (s *chartsScreen) cell(p *chartPanel) fyne.CanvasObject {
	png := widget.NewButtonWithIcon("PNG…", theme.DownloadIcon(), func() { s.export(p, "png") })
	svg := widget.NewButtonWithIcon("SVG…", theme.DownloadIcon(), func() { s.export(p, "svg") })
	return container.NewBorder(nil, container.NewHBox(widget.NewLabel("Export"), png, svg), nil, nil, p.img)
}

// resized lays the grid out for the window's width: one column on a
// narrow window, two (or three on a very wide one) otherwise, each chart
// 16:9.
func (s *chartsScreen) resized(size fyne.Size) {
	if s.layout.setWidth(size.Width - theme.Padding()*3) {
		s.grid.Refresh()
		s.scroll.Refresh()
		s.sizePanels()
		s.render.request()
	}
}

// sizePanels records the pixel size each chart is shown at.
func (s *chartsScreen) sizePanels() {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.grid); c != nil {
		scale = c.Scale()
	}
	w, h := s.layout.imageSize()
	for _, p := range s.panels {
		p.want = fyne.NewSize(float32(math.Round(float64(w*scale))), float32(math.Round(float64(h*scale))))
	}
}

func (s *chartsScreen) prepareRender() (func(), func()) {
	jobs := renderStale(s.panels, charts.Options{Theme: charts.Light})
	return func() { renderAll(jobs) }, func() {
		s.renders++
		if err := showRendered(jobs); err != nil {
			s.status.SetText("A chart could not be drawn: " + err.Error())
		}
	}
}

// export saves one chart as a 1920×1080 PNG or an SVG of the same size.
func (s *chartsScreen) export(p *chartPanel, ext string) {
	ui, def := s.ui, p.def
	if def.Build == nil {
		return
	}
	ui.files.save("Save the chart as "+ext, def.Name+"."+ext, func(path string, err error) {
		if errors.Is(err, errCancelled) {
			return
		}
		if err != nil {
			ui.showError(err)
			return
		}
		ui.run(func() error { return writeChart(def, path, ext) }, nil)
	})
}

// writeChart draws def at the export size into a file, written whole or
// not at all.
func writeChart(def chartset.Def, path, ext string) error {
	c := def.Build(charts.Options{Width: exportWidth, Height: exportHeight})
	var b bytes.Buffer
	var err error
	if ext == "svg" {
		err = c.SVG(&b)
	} else {
		err = c.PNG(&b)
	}
	if err != nil {
		return err
	}
	return tasks.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
}

// chartGrid lays out chart cells in cols columns of equal cells.
type chartGrid struct {
	cols  int
	cell  fyne.Size
	width float32
	// rowH is the height kept under each chart for its export buttons.
	rowH float32
}

// setWidth fits the columns to width and reports whether anything changed.
func (g *chartGrid) setWidth(width float32) bool {
	if width <= 0 || width == g.width {
		return false
	}
	g.width = width
	g.rowH = widget.NewButton("PNG…", nil).MinSize().Height + theme.Padding()
	g.cols = 1
	switch {
	case width >= 2400:
		g.cols = 3
	case width >= 900:
		g.cols = 2
	}
	pad := theme.Padding()
	w := (width - pad*float32(g.cols-1)) / float32(g.cols)
	g.cell = fyne.NewSize(w, w*9/16+g.rowH)
	return true
}

// imageSize is the size of one chart image inside its cell.
func (g *chartGrid) imageSize() (float32, float32) { return g.cell.Width, g.cell.Height - g.rowH }

func (g *chartGrid) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	pad := theme.Padding()
	for i, o := range objs {
		col, row := i%g.cols, i/g.cols
		o.Move(fyne.NewPos(float32(col)*(g.cell.Width+pad), float32(row)*(g.cell.Height+pad)))
		o.Resize(g.cell)
	}
}

func (g *chartGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	rows := (len(objs) + g.cols - 1) / g.cols
	pad := theme.Padding()
	return fyne.NewSize(g.cell.Width*float32(g.cols)+pad*float32(g.cols-1),
		float32(rows)*g.cell.Height+pad*float32(max(rows-1, 0)))
}

// sizeWatch stacks its objects and reports the size it is given, so the
// chart grid can follow the window.
type sizeWatch struct {
	changed func(fyne.Size)
	last    fyne.Size
}

func (w *sizeWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size != w.last {
		w.last = size
		w.changed(size)
	}
}

func (w *sizeWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(200, 200)
}
