package charts

import (
	"testing"
	"unsafe"
)

// A slide-sized image's pixels start on a huge-page boundary and reach to
// the end of a whole huge page, so Linux can back all of it with 2 MiB
// pages; a small image gets plain memory of its own size.
func TestNewPixelsFillWholeHugePages(t *testing.T) {
	n := 4 * 1920 * 1080
	b := newPixels(n)
	if len(b) != n {
		t.Fatalf("len %d, want %d", len(b), n)
	}
	if addr := uintptr(unsafe.Pointer(unsafe.SliceData(b))); addr%hugePage != 0 {
		t.Errorf("pixels start at %#x, %d bytes past a huge-page boundary", addr, addr%hugePage)
	}
	if cap(b)%hugePage != 0 || cap(b) < n || cap(b)-n >= hugePage {
		t.Errorf("cap %d: want the whole huge pages holding %d bytes", cap(b), n)
	}
	for i, v := range b {
		if v != 0 {
			t.Fatalf("byte %d is %d, want 0", i, v)
		}
	}
	if small := newPixels(1000); len(small) != 1000 || cap(small) != 1000 {
		t.Errorf("small image: len %d cap %d, want 1000 and 1000", len(small), cap(small))
	}
}
