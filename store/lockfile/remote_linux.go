package lockfile

import (
	"path/filepath"
	"syscall"
)

// Magic numbers of network filesystems in statfs(2)'s f_type.
var networkFS = map[int64]bool{
	0x6969:     true, // NFS
	0x517B:     true, // SMB
	0xFF534D42: true, // CIFS
	0xFE534D42: true, // SMB2
	0x564C:     true, // NCP
}

func remote(path string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return false
	}
	return networkFS[int64(st.Type)]
}
