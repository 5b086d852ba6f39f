package vuln

import (
	"errors"
	"testing"
)

// ordered lists groups of equal versions in ascending order.
type ordered [][]string

// checkOrder compares every pair of versions of every group with Compare.
func checkOrder(t *testing.T, eco string, groups ordered) {
	t.Helper()
	for i, gi := range groups {
		for j, gj := range groups {
			for _, a := range gi {
				for _, b := range gj {
					c, err := Compare(eco, a, b)
					if err != nil {
						t.Errorf("Compare(%s, %q, %q): %v", eco, a, b, err)
						continue
					}
					if want := sign(i - j); c != want {
						t.Errorf("Compare(%s, %q, %q) = %d, want %d", eco, a, b, c, want)
					}
				}
			}
		}
	}
}

func checkInvalid(t *testing.T, eco string, vs []string) {
	t.Helper()
	for _, v := range vs {
		if _, err := Compare(eco, v, "1.0.0"); !errors.Is(err, ErrInvalidVersion) {
			t.Errorf("Compare(%s, %q, …) err = %v, want ErrInvalidVersion", eco, v, err)
		}
		if ValidVersion(eco, v) == nil {
			t.Errorf("ValidVersion(%s, %q) = nil", eco, v)
		}
	}
}

func TestComparePyPI(t *testing.T) {
	checkOrder(t, "PyPI", ordered{
		{"0.9"},
		{"1.0.dev0", "1.0dev", "1.0-dev", "1.0.DEV0"},
		{"1.0.dev456"},
		{"1.0a1", "1.0alpha1", "1.0.a1", "1.0-alpha.1", "1.0ALPHA1", "v1.0a1", "1.0a01"},
		{"1.0a2.dev456"},
		{"1.0a12.dev456"},
		{"1.0a12"},
		{"1.0b1.dev456"},
		{"1.0b2", "1.0beta2", "1.0-b2"},
		{"1.0b2.post345.dev456"},
		{"1.0b2.post345", "1.0b2-345"},
		{"1.0rc1.dev456"},
		{"1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-rc.1"},
		{"1.0", "1.0.0", "1", "0!1.0", " 1.0 ", "V1.0"},
		{"1.0+abc.5"},
		{"1.0+abc.7"},
		{"1.0+5", "1.0+05"},
		{"1.0+5.ubuntu", "1.0+5-ubuntu", "1.0+5_UBUNTU"},
		{"1.0.post1", "1.0-1", "1.0post1", "1.0-r1", "1.0rev1", "1.0.post01"},
		{"1.0.post456.dev34"},
		{"1.0.post456"},
		{"1.0.15"},
		{"1.1.dev1"},
		{"2.0"},
		{"2013.10.1"},
		{"99999999999999999999999.0"},
		{"1!0.1"},
	})
	checkInvalid(t, "PyPI", []string{"", "abc", "1.0-", "1..0", "1.0+", "1.0+a..b", "1.0 beta", "latest", "1.0.x", "!1.0", "1.0+ä"})
}

func TestCompareSemver(t *testing.T) {
	groups := ordered{
		{"0.0.0"},
		{"0.9.9"},
		{"1.0.0-0"},
		{"1.0.0-alpha", "v1.0.0-alpha", "=1.0.0-alpha"},
		{"1.0.0-alpha.1"},
		{"1.0.0-alpha.beta"},
		{"1.0.0-beta"},
		{"1.0.0-beta.2"},
		{"1.0.0-beta.11"},
		{"1.0.0-rc.1"},
		{"1.0.0", "v1.0.0", "=v1.0.0", "1.0.0+build.5", " 1.0.0 ", "01.0.0"},
		{"1.0.1"},
		{"1.10.0"},
		{"2.0.0"},
		{"18446744073709551616.0.0"},
	}
	checkOrder(t, "npm", groups)
	checkOrder(t, "crates.io", groups)
	checkInvalid(t, "npm", []string{"", "1.2", "1.2.3.4", "x.y.z", "1.2.3-", "1.2.3-a..b", "1.2.3+", "^1.2.3", "1.2.3-ä", "latest"})
}

func TestCompareGo(t *testing.T) {
	checkOrder(t, "Go", ordered{
		{"v0.0.0-20191109021931-daa7c04131f5", "0.0.0-20191109021931-daa7c04131f5"},
		{"v0.1.0", "0.1.0"},
		{"v1.2.3", "1.2.3", "v1.2.3+meta"},
		{"v1.2.4-0.20191109021931-daa7c04131f5"},
		{"v1.2.4-pre"},
		{"v1.2.4"},
		{"go1.21.3", "1.21.3"},
		{"1.21.10"},
		{"v2.0.0+incompatible", "v2.0.0"},
	})
	checkInvalid(t, "Go", []string{"", "1.2.3.4", "latest", "v1.2.3-", "vv1.2.3", "v01.2.3"})
}

func TestCompareMaven(t *testing.T) {
	// The orderings Maven's own ComparableVersion tests pin down.
	checkOrder(t, "Maven", ordered{
		{"1-alpha2snapshot"}, {"1-alpha2", "1a2", "1-alpha-2", "1.0-alpha2"}, {"1-alpha-123"}, {"1-beta-2"}, {"1-beta123"},
		{"1-m2"}, {"1-m11"}, {"1-rc", "1-cr"}, {"1-cr2", "1-rc2"}, {"1-rc123"}, {"1-SNAPSHOT"},
		{"1", "1.0", "1.0.0", "1-ga", "1-final", "1.0.RELEASE", "1-0"}, {"1-sp"}, {"1-sp2"}, {"1-sp123"},
		{"1-abc"}, {"1-def"}, {"1-pom-1"}, {"1-1-snapshot"}, {"1-1"}, {"1-2"}, {"1-123"},
	})
	checkOrder(t, "Maven", ordered{
		{"2.0", "2"}, {"2-1"}, {"2.0.a"}, {"2.0.0.a"}, {"2.0.2"}, {"2.0.123"}, {"2.1.0", "2.1"}, {"2.1-a"},
		{"2.1b"}, {"2.1-c"}, {"2.1-1"}, {"2.1.0.1"}, {"2.2"}, {"2.123"}, {"11.a2"}, {"11.a11"}, {"11.b2"},
		{"11.b11"}, {"11.m2"}, {"11.m11"}, {"11"}, {"11.a"}, {"11b"}, {"11c"}, {"11m"},
	})
	checkOrder(t, "Maven", ordered{
		{"5.3.0.M1"}, {"5.3.0.RC1"}, {"5.3.0.RELEASE", "5.3.0"}, {"5.3.1"}, {"5.3.10"}, {"10.0.0"},
		{"100000000000000000000000"},
	})
	checkOrder(t, "Maven", ordered{{"1"}, {"1-0.1"}}) // MNG-6964: not equal
	checkInvalid(t, "Maven", []string{"", "   "})
}

func TestCompareUnknownEcosystem(t *testing.T) {
	for _, eco := range []string{"Debian:12", "RubyGems", ""} {
		if _, err := Compare(eco, "1.0", "1.0"); !errors.Is(err, ErrUnknownEcosystem) {
			t.Errorf("Compare(%q) err = %v, want ErrUnknownEcosystem", eco, err)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	cases := []struct{ eco, in, want string }{
		{"PyPI", "Llama_Index", "llama-index"},
		{"PyPI", "llama..--index", "llama-index"},
		{"PyPI", "-torch-", "torch"},
		{"PyPI", "zope.interface", "zope-interface"},
		{"npm", "@LangChain/Core", "@langchain/core"},
		{"Go", "github.com/Ollama/ollama", "github.com/Ollama/ollama"},
		{"Maven", "dev.langchain4j:langchain4j", "dev.langchain4j:langchain4j"},
	}
	for _, c := range cases {
		if got := NormalizeName(c.eco, c.in); got != c.want {
			t.Errorf("NormalizeName(%s, %q) = %q, want %q", c.eco, c.in, got, c.want)
		}
	}
	for in, want := range map[string]string{"pypi": "PyPI", "NPM": "npm", "golang": "Go", "Debian:12": "Debian:12", "maven": "Maven"} {
		if got := CanonicalEcosystem(in); got != want {
			t.Errorf("CanonicalEcosystem(%q) = %q, want %q", in, got, want)
		}
	}
}
