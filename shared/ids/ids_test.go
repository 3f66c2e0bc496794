package ids

import (
	"strings"
	"testing"
)

func TestIDs(t *testing.T) {
	a := Derived("create", "app", "ana", "7")
	if a != Derived("create", "app", "ana", "7") || !Valid(a) {
		t.Fatalf("Derived not deterministic or not valid: %q", a)
	}
	for _, other := range []string{Derived("create", "app", "ben", "7"), Derived("create", "app", "ana7"), Derived("create", "appana", "7")} {
		if other == a {
			t.Fatal("different parts (or the same text split differently) must give a different ID")
		}
	}
	if r := Random(); !Valid(r) || r == Random() {
		t.Fatalf("Random %q", r)
	}
	for _, bad := range []string{"", "short", strings.Repeat("A", 26), strings.Repeat("a", 27), strings.Repeat("1", 26)} {
		if Valid(bad) {
			t.Errorf("Valid(%q) = true", bad)
		}
	}
}
