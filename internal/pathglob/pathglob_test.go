package pathglob

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.pkl", "a.pkl", true},
		{"*.pkl", "dir/a.pkl", false},
		{"**/*.pkl", "a.pkl", true},
		{"**/*.pkl", "x/y/a.pkl", true},
		{"legacy/**/*.pkl", "legacy/a.pkl", true},
		{"legacy/**/*.pkl", "legacy/a/b/c.pkl", true},
		{"legacy/**/*.pkl", "other/a.pkl", false},
		{"**/node_modules/**", "web/node_modules/x/y.js", true},
		{"**/node_modules/**", "web/src/y.js", false},
		{"models/[", "models/[", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
	if Valid("a/[") || !Valid("**/x/*.pkl") {
		t.Error("Valid misjudges patterns")
	}
}
