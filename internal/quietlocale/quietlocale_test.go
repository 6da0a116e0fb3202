package quietlocale

import (
	"maps"
	"testing"
)

func run(env map[string]string) map[string]string {
	out := maps.Clone(env)
	fix(func(k string) string { return out[k] },
		func(k, v string) error { out[k] = v; return nil },
		func(k string) error { delete(out, k); return nil })
	return out
}

func TestCVariantsBecomeCMessages(t *testing.T) {
	for _, tc := range []struct {
		name      string
		env, want map[string]string
	}{
		{"LANG=C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"LANG=C.utf8", map[string]string{"LANG": "C.utf8"}, map[string]string{"LANG": "C.utf8", "LC_MESSAGES": "C"}},
		{"LC_MESSAGES=POSIX.UTF-8", map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "POSIX.UTF-8"}, map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "C"}},
		{"LC_ALL=C.UTF-8", map[string]string{"LC_ALL": "C.UTF-8", "LC_TIME": "en_GB.UTF-8"}, map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "C"}},
		{"LANG=C", map[string]string{"LANG": "C"}, map[string]string{"LANG": "C"}},
		{"LANG=en_GB.UTF-8", map[string]string{"LANG": "en_GB.UTF-8"}, map[string]string{"LANG": "en_GB.UTF-8"}},
		{"LANGUAGE wins", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en_GB"}, map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en_GB"}},
		{"nothing set", map[string]string{}, map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(tc.env); !maps.Equal(got, tc.want) {
				t.Fatalf("environment = %v, want %v", got, tc.want)
			}
		})
	}
}
