package charts

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"testing"
)

// rleZlib's streams inflate with compress/zlib (which checks the Adler-32
// sum) to exactly what was written, for runs of every length around the
// match limits, split across writes anywhere.
func TestRLEZlibInflatesToTheInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var cases [][]byte
	cases = append(cases, nil, []byte{7}, bytes.Repeat([]byte{0}, 100_000))
	for _, n := range []int{1, 2, 3, 4, 257, 258, 259, 260, 261, 516, 517, 518, 519} {
		cases = append(cases, append([]byte{9}, bytes.Repeat([]byte{200}, n)...))
	}
	for range 50 {
		var b []byte
		for len(b) < 20_000 {
			v := byte(rng.IntN(4) * 85)
			b = append(b, bytes.Repeat([]byte{v}, 1+rng.IntN(600))...)
		}
		cases = append(cases, b)
	}
	for i, want := range cases {
		var z bytes.Buffer
		w := newRLEZlib(&z)
		for rest := want; len(rest) > 0; {
			k := min(len(rest), 1+rng.IntN(5000))
			if _, err := w.Write(rest[:k]); err != nil {
				t.Fatal(err)
			}
			rest = rest[k:]
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if got := inflate(t, z.Bytes()); !bytes.Equal(got, want) {
			t.Fatalf("case %d: inflated %d bytes, wrote %d, or they differ", i, len(got), len(want))
		}
	}
}

func inflate(t testing.TB, b []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func FuzzRLEZlib(f *testing.F) {
	f.Add([]byte("aaaaaaaaab\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, want []byte) {
		var z bytes.Buffer
		w := newRLEZlib(&z)
		w.Write(want)
		w.Close()
		if got := inflate(t, z.Bytes()); !bytes.Equal(got, want) {
			t.Fatalf("inflated %q, wrote %q", got, want)
		}
	})
}
