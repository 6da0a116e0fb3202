//go:build ignore

// Wintool is what .ci/build-windows needs besides MinGW, in plain Go so it
// runs on any CI machine without more packages:
//
//	go run .ci/wintool.go ico ICON.png OUT.ico
//	go run .ci/wintool.go check EXE MAX_MB
//
// "ico" writes a Windows icon with the sizes Explorer, the taskbar and the
// title bar ask for (16 to 256 pixels), each stored as PNG (Windows Vista
// and later read PNG icons). "check" proves that EXE is what our users
// need: a 64-bit (PE32+) executable for the GUI subsystem (no console
// window), stripped of symbols, whose resource section holds an icon and
// version details, and no larger than MAX_MB megabytes. It prints the size.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"strconv"

	"golang.org/x/image/draw"
)

func main() {
	if len(os.Args) != 4 {
		fail("usage: go run .ci/wintool.go ico ICON.png OUT.ico | check EXE MAX_MB")
	}
	var err error
	switch os.Args[1] {
	case "ico":
		err = makeICO(os.Args[2], os.Args[3])
	case "check":
		err = check(os.Args[2], os.Args[3])
	default:
		err = fmt.Errorf("unknown action %q", os.Args[1])
	}
	if err != nil {
		fail("wintool: " + err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// makeICO scales the PNG at in to each icon size and writes them as one
// .ico file (ICONDIR, one ICONDIRENTRY per size, then the PNG data).
func makeICO(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	sizes := []int{16, 24, 32, 48, 64, 128, 256}
	var images [][]byte
	for _, s := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		var b bytes.Buffer
		if err := png.Encode(&b, dst); err != nil {
			return err
		}
		images = append(images, b.Bytes())
	}
	var b bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&b, le, [3]uint16{0, 1, uint16(len(sizes))}) // reserved, type 1 = icon, count
	offset := 6 + 16*len(sizes)
	for i, s := range sizes {
		dim := uint8(s)
		if s == 256 {
			dim = 0 // 0 means 256 in an ICONDIRENTRY
		}
		binary.Write(&b, le, struct {
			W, H, Colours, Reserved uint8
			Planes, BitCount        uint16
			Size, Offset            uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		b.Write(img)
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

// Resource types (winuser.h) that the executable must carry.
const (
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func check(path, maxMB string) error {
	limit, err := strconv.ParseFloat(maxMB, 64)
	if err != nil {
		return fmt.Errorf("MAX_MB %q is not a number", maxMB)
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	f, err := pe.Open(path)
	if err != nil {
		return fmt.Errorf("%s is not a Windows executable: %v", path, err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return fmt.Errorf("%s is for machine %#x, not x86-64", path, f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return fmt.Errorf("%s is not PE32+ (64-bit)", path)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("%s is for subsystem %d, not the Windows GUI (2): it would open a console window", path, oh.Subsystem)
	}
	if f.FileHeader.NumberOfSymbols != 0 || f.Section(".symtab") != nil {
		return fmt.Errorf("%s is not stripped (link with -s -w)", path)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return fmt.Errorf("%s has no resource section (.rsrc): no icon or version details", path)
	}
	data, err := rsrc.Data()
	if err != nil {
		return fmt.Errorf("%s: reading .rsrc: %v", path, err)
	}
	types, err := resourceTypes(data)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	for _, want := range []struct {
		id   uint32
		name string
	}{{rtGroupIcon, "icon"}, {rtVersion, "version details"}, {rtManifest, "manifest"}} {
		if !types[want.id] {
			return fmt.Errorf("%s: the resource section has no %s", path, want.name)
		}
	}
	mb := float64(info.Size()) / (1 << 20)
	fmt.Printf("%s: PE32+ x86-64, GUI subsystem, stripped, icon + version + manifest resources, %.1f MB (%d bytes; budget %g MB)\n",
		path, mb, info.Size(), limit)
	if mb > limit {
		return fmt.Errorf("%s is %.1f MB, over the %g MB budget", path, mb, limit)
	}
	return nil
}

// resourceTypes reads the root IMAGE_RESOURCE_DIRECTORY of a .rsrc section
// and returns the numeric resource types it lists.
func resourceTypes(data []byte) (map[uint32]bool, error) {
	if len(data) < 16 {
		return nil, fmt.Errorf(".rsrc is too short")
	}
	le := binary.LittleEndian
	named, ids := int(le.Uint16(data[12:])), int(le.Uint16(data[14:]))
	n := named + ids
	if len(data) < 16+8*n {
		return nil, fmt.Errorf(".rsrc directory is cut short")
	}
	types := map[uint32]bool{}
	for i := range n {
		name := le.Uint32(data[16+8*i:])
		if name&0x80000000 == 0 {
			types[name] = true
		}
	}
	return types, nil
}
