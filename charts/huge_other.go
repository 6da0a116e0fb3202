//go:build !linux

package charts

// adviseHugePages does nothing outside Linux.
func adviseHugePages([]byte) {}
