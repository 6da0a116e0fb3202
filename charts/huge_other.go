//go:build !linux

package charts

// newPixels returns n zero bytes for an image's pixels.
func newPixels(n int) []byte { return make([]byte, n) }
