package charts

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on x86-64 and arm64.
const hugePage = 2 << 20

// newPixels returns n zero bytes for an image's pixels, backed by 2 MiB
// pages where Linux allows it. A slide-sized image is 8 MiB: 2,025 page
// faults at 4 KiB the first time it is filled, and under virtualisation
// each fault can cost tens of microseconds. Only the whole huge pages
// inside a region can be huge, so the region starts on a 2 MiB boundary
// and ends on one: the bytes around it are never touched, so they cost
// address space, not memory. Small images, and any failure, get plain
// memory.
func newPixels(n int) []byte {
	if n < 4<<20 {
		return make([]byte, n)
	}
	whole := (n + hugePage - 1) &^ (hugePage - 1)
	b := make([]byte, whole+hugePage)
	off := int(-uintptr(unsafe.Pointer(unsafe.SliceData(b))) & (hugePage - 1))
	region := b[off : off+whole : off+whole]
	_ = unix.Madvise(region, unix.MADV_HUGEPAGE)
	return region[:n]
}
