package charts

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// pngFile's files decode with image/png to exactly the pixels drawn, for
// every chart in both themes and at an odd size.
func TestWritePNGRoundTrips(t *testing.T) {
	for _, o := range []Options{{Theme: Light}, {Theme: HighContrast}, {Width: 333, Height: 211}} {
		for name, c := range sampleCharts(o) {
			t.Run(o.Theme.String()+"/"+name, func(t *testing.T) {
				img, err := c.Image()
				if err != nil {
					t.Fatal(err)
				}
				var f pngFile
				f.encode(img.(*image.RGBA))
				back, err := png.Decode(bytes.NewReader(f.data))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := back.Bounds(), img.Bounds(); got != want {
					t.Fatalf("decoded size %v, want %v", got, want)
				}
				for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
					for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
						r0, g0, b0, _ := img.At(x, y).RGBA()
						r1, g1, b1, a1 := back.At(x, y).RGBA()
						if r0 != r1 || g0 != g1 || b0 != b1 || a1 != 0xffff {
							t.Fatalf("pixel (%d, %d) = %v, drawn %v", x, y, back.At(x, y), img.At(x, y))
						}
					}
				}
			})
		}
	}
}

// One PNGEncoder drawing charts of different sizes in turn, reusing its
// pixels and buffers, writes each file exactly as a fresh encoder would.
func TestPNGEncoderReuseChangesNothing(t *testing.T) {
	var reused PNGEncoder
	for _, o := range []Options{{Width: 1920, Height: 1080}, {Width: 333, Height: 211}, {Width: 1920, Height: 1080, Theme: HighContrast}} {
		for name, c := range sampleCharts(o) {
			got, err := reused.PNG(c)
			if err != nil {
				t.Fatal(err)
			}
			var fresh bytes.Buffer
			if err := new(PNGEncoder).Encode(&fresh, c); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, fresh.Bytes()) {
				t.Errorf("%s at %dx%d: the reused encoder wrote %d bytes differing from a fresh one's %d", name, o.Width, o.Height, len(got), fresh.Len())
			}
		}
	}
}
