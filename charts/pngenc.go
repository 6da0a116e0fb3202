package charts

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
)

// writePNG encodes an opaque chart image as an 8-bit RGB PNG with the
// "Sub" filter on every row. image/png tries all five filters on every row
// to pick the best, which took over half the time of writing a chart file;
// a chart is mostly flat runs of one colour, which Sub turns into zeros,
// so one fixed filter compresses nearly as well at a fraction of the cost;
// and it compresses the rows with runs only (see rleZlib), which costs
// little more than reading them.
// Alpha is dropped: charts paint an opaque background first.
func writePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, RGB; compression, filter, interlace 0
	if err := writeChunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}
	idat := &chunkWriter{w: bw, kind: "IDAT"}
	zw := newRLEZlib(idat)
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
		if err := zw.err; err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// writeChunk writes one PNG chunk: length, type, data and CRC.
func writeChunk(w io.Writer, kind string, data []byte) error {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], kind)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	for _, p := range [][]byte{head[:], data, tail[:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// chunkWriter gathers the compressed stream into IDAT chunks of up to
// 64 KiB, as encoders conventionally split it.
type chunkWriter struct {
	w    io.Writer
	kind string
	buf  []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 1<<16-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == 1<<16 {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := writeChunk(c.w, c.kind, c.buf)
	c.buf = c.buf[:0]
	return err
}
