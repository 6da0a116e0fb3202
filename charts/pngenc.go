package charts

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
)

// pngFile builds PNG files in memory, keeping its buffers from one file to
// the next: a command writing many charts would otherwise take fresh
// memory for every file, and the first write to fresh memory is a page
// fault per 4 KiB.
type pngFile struct {
	data []byte  // the file so far
	z    rleZlib // the compressed pixels, written into data as IDAT chunks
}

// encode makes data the PNG file of an opaque chart image: 8-bit RGB with
// the "Sub" filter on every row. image/png tries all five filters on every
// row to pick the best, which took over half the time of writing a chart
// file; a chart is mostly flat runs of one colour, which Sub turns into
// zeros, so one fixed filter compresses nearly as well at a fraction of the
// cost; and it compresses the rows with runs only (see rleZlib), which
// costs little more than reading them. Alpha is dropped: charts paint an
// opaque background first.
func (f *pngFile) encode(img *image.RGBA) {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if f.data == nil {
		// Room for a busy chart, so the file is rarely copied to grow;
		// the part not written is never touched.
		f.data = make([]byte, 0, width*height/4)
	}
	f.data = append(f.data[:0], "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, RGB; compression, filter, interlace 0
	f.chunk("IHDR", ihdr[:])
	zw := &f.z
	zw.reset((*idatWriter)(f))
	var prev []byte
	for y := b.Min.Y; y < b.Max.Y; y++ {
		start := img.PixOffset(b.Min.X, y)
		src := img.Pix[start : start+4*width]
		// A chart repeats whole rows (the sides of bars, empty margins):
		// "Up" from an equal row is all zeros.
		if prev != nil && bytes.Equal(src, prev) {
			zw.fill(2, 1)
			zw.fill(0, 3*width)
			continue
		}
		prev = src
		// "Sub": each byte minus the same sample of the pixel to its left.
		// A run of one colour is zeros after its first pixel, found by
		// comparing whole pixels rather than filtering byte by byte.
		zw.fill(1, 1)
		var left uint32 // the pixel to the left as 0xBBGGRR; black before the first
		for x := 0; x < width; {
			px := binary.LittleEndian.Uint32(src[4*x:]) & 0xffffff
			if px == left {
				n := 1
				for x+n < width && binary.LittleEndian.Uint32(src[4*(x+n):])&0xffffff == left {
					n++
				}
				zw.fill(0, 3*n)
				x += n
				continue
			}
			zw.fill(byte(px)-byte(left), 1)
			zw.fill(byte(px>>8)-byte(left>>8), 1)
			zw.fill(byte(px>>16)-byte(left>>16), 1)
			left = px
			x++
		}
	}
	zw.Close() // writing into memory cannot fail
	f.chunk("IEND", nil)
}

// chunk appends one PNG chunk: length, type, data and CRC.
func (f *pngFile) chunk(kind string, data []byte) {
	f.data = binary.BigEndian.AppendUint32(f.data, uint32(len(data)))
	start := len(f.data)
	f.data = append(f.data, kind...)
	f.data = append(f.data, data...)
	f.data = binary.BigEndian.AppendUint32(f.data, crc32.ChecksumIEEE(f.data[start:]))
}

// idatWriter is a pngFile taking the compressed stream, each write (up to
// 64 KiB, see rleZlib) as one IDAT chunk, as encoders conventionally split
// it.
type idatWriter pngFile

// Write implements io.Writer.
func (w *idatWriter) Write(p []byte) (int, error) {
	(*pngFile)(w).chunk("IDAT", p)
	return len(p), nil
}
