package charts

import (
	"encoding/binary"
	"io"
	"math/bits"
)

// rleZlib writes a zlib stream (RFC 1950) whose compressed data is one
// deflate block (RFC 1951) with the fixed Huffman codes, where every match
// is a run of the byte before it (distance 1): zlib's Z_RLE strategy. A
// chart's rows, Sub-filtered, are long runs of zeros between a few edges
// and letters, so runs find nearly everything a full deflate would, at a
// small part of its cost: a run of any length is a few operations, for
// the checksum too, where compress/flate hashes every byte. Files come out
// a little larger than compress/flate's fastest level.
type rleZlib struct {
	w     io.Writer
	out   []byte
	acc   uint64 // bits not yet in out, the first in the lowest bit
	nacc  uint
	a, b  uint32 // the Adler-32 checksum so far
	last  int    // the last byte written as a literal, -1 before the first
	run   int    // repeats of last not yet written
	wrote bool   // the header is written
	err   error  // the first failure to write to w
}

// newRLEZlib returns a zlib writer to w; Close finishes the stream.
func newRLEZlib(w io.Writer) *rleZlib {
	z := new(rleZlib)
	z.reset(w)
	return z
}

// reset starts a new stream to w, keeping the buffer of the last.
func (z *rleZlib) reset(w io.Writer) {
	out := z.out
	if out == nil {
		out = make([]byte, 0, 1<<16)
	}
	*z = rleZlib{w: w, a: 1, last: -1, out: out[:0]}
}

// adlerMod is the Adler-32 modulus.
const adlerMod = 65521

// The fixed literal/length codes, bit-reversed for the LSB-first stream:
// litCode[v] and litLen[v] for v in 0–287.
var litCode, litLen = fixedLitCodes()

func fixedLitCodes() (code [288]uint16, length [288]uint8) {
	for v := range 288 {
		var c, n int
		switch {
		case v < 144:
			c, n = 0x30+v, 8
		case v < 256:
			c, n = 0x190+v-144, 9
		case v < 280:
			c, n = v-256, 7
		default:
			c, n = 0xC0+v-280, 8
		}
		code[v] = bits.Reverse16(uint16(c)) >> (16 - n)
		length[v] = uint8(n)
	}
	return code, length
}

// The length codes 257–285: the first length each one stands for, and its
// number of extra bits.
var (
	lenBase  = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lenExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

// lenIndex[n] is the length code (less 257) for a match of n bytes.
var lenIndex = func() (idx [259]uint8) {
	for i := range 29 {
		end := 258
		if i < 28 {
			end = lenBase[i+1] - 1
		}
		for n := lenBase[i]; n <= end; n++ {
			idx[n] = uint8(i)
		}
	}
	return idx
}()

// put appends n bits of v to the stream.
func (z *rleZlib) put(v uint64, n uint) {
	z.acc |= v << z.nacc
	z.nacc += n
	for z.nacc >= 8 {
		z.out = append(z.out, byte(z.acc))
		z.acc >>= 8
		z.nacc -= 8
	}
}

func (z *rleZlib) literal(v byte) {
	z.put(uint64(litCode[v]), uint(litLen[v]))
}

// repeat writes n more copies of the last byte: matches of up to 258
// bytes at distance 1 (code 0, five zero bits), and literals for a rest too
// short to be a match.
func (z *rleZlib) repeat(n int) {
	for n >= 3 {
		k := min(n, 258)
		if n-k > 0 && n-k < 3 {
			k = n - 3 // leave a rest long enough to be a match
		}
		i := lenIndex[k]
		sym := 257 + int(i)
		z.put(uint64(litCode[sym]), uint(litLen[sym]))
		if e := lenExtra[i]; e > 0 {
			z.put(uint64(k-lenBase[i]), e)
		}
		z.put(0, 5)
		n -= k
	}
	for range n {
		z.literal(byte(z.last))
	}
}

// Write compresses p.
func (z *rleZlib) Write(p []byte) (int, error) {
	for i := 0; i < len(p); {
		j := i + 1
		for j < len(p) && p[j] == p[i] {
			j++
		}
		z.fill(p[i], j-i)
		i = j
	}
	if z.err != nil {
		return 0, z.err
	}
	return len(p), nil
}

// start writes the zlib header and the block header, once.
func (z *rleZlib) start() {
	if !z.wrote {
		z.out = append(z.out, 0x78, 0x01) // deflate, 32 KiB window, fastest; (0x7801 % 31 == 0)
		z.put(1|1<<1, 3)                  // the last block, fixed Huffman codes
		z.wrote = true
	}
}

// fill compresses n copies of v. A failure to write is kept in z.err.
func (z *rleZlib) fill(v byte, n int) {
	if n <= 0 {
		return
	}
	z.start()
	if int(v) != z.last {
		if z.run > 0 {
			z.repeat(z.run)
			z.run = 0
		}
		z.literal(v)
		z.last = int(v)
		n--
		z.a = (z.a + uint32(v)) % adlerMod
		z.b = (z.b + z.a) % adlerMod
		if len(z.out) >= 1<<16-64 {
			z.flush()
		}
	}
	if n > 0 {
		z.run += n
		// n copies of v: a grows by n·v, b by n·a + v·n(n+1)/2.
		nn := uint64(n)
		z.b = uint32((uint64(z.b) + nn%adlerMod*uint64(z.a) + uint64(v)*(nn*(nn+1)/2%adlerMod)) % adlerMod)
		z.a = uint32((uint64(z.a) + nn*uint64(v)) % adlerMod)
	}
}

// flush hands the whole bytes written so far to z.w.
func (z *rleZlib) flush() {
	if z.err == nil {
		_, z.err = z.w.Write(z.out)
	}
	z.out = z.out[:0]
}

// Close writes what is pending, the end of the block and the checksum.
func (z *rleZlib) Close() error {
	z.start()
	if z.run > 0 {
		z.repeat(z.run)
		z.run = 0
	}
	z.put(uint64(litCode[256]), uint(litLen[256]))
	if z.nacc > 0 {
		z.put(0, 8-z.nacc)
	}
	z.out = binary.BigEndian.AppendUint32(z.out, z.b<<16|z.a)
	z.flush()
	return z.err
}
