package charts

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// adviseHugePages asks Linux to back b with 2 MiB pages where it can. A
// slide-sized image is 8 MiB, which is 2,025 page faults at 4 KiB the
// first time it is filled and a handful with huge pages; under
// virtualisation each fault can cost tens of microseconds. Only the whole
// 4 KiB pages inside b are advised; failure changes nothing.
func adviseHugePages(b []byte) {
	const page = 4096
	if len(b) < 4<<20 {
		return
	}
	start := (uintptr(unsafe.Pointer(unsafe.SliceData(b))) + page - 1) &^ (page - 1)
	off := int(start - uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	n := (len(b) - off) &^ (page - 1)
	if n <= 0 {
		return
	}
	_ = unix.Madvise(b[off:off+n], unix.MADV_HUGEPAGE)
}
