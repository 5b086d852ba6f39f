package pii

import (
	"strings"
	"testing"
)

// TestBypass lists ways to write personal data so that it slips past redaction. gap names an
// accepted hole, pinned as a skipped subtest.
func TestBypass(t *testing.T) {
	sc := newTestScanner(t, Options{})
	cases := []struct{ kind, name, text, gap string }{
		{CreditCard, "card with dots", "card 4111.1111.1111.1111 exp 12/29", ""},
		{CreditCard, "card with mixed separators", "card 4111-1111 1111-1111", ""},
		{CreditCard, "card fullwidth digits", "card ４１１１１１１１１１１１１１１１", ""},
		{CreditCard, "card double spaces", "card 4111  1111  1111  1111", ""},
		{CreditCard, "card zero width", "card 4111\u200b1111\u200b1111\u200b1111", ""},
		{IBAN, "iban lower case", "iban de89370400440532013000", ""},
		{IBAN, "iban lower spaced", "iban de89 3704 0044 0532 0130 00", ""},
		{IBAN, "iban dashes", "iban DE89-3704-0044-0532-0130-00", ""},
		{Email, "email in angle brackets", "From: Jane <jane.doe@corp-mail.com>", ""},
		{Email, "email fullwidth at", "jane.doe＠corp-mail.com", ""},
		{Email, "email zero width", "jane.doe\u200b@corp-mail.com", ""},
		{Email, "email at dot words", "jane.doe at corp-mail dot com",
			"\"name at domain dot com\" is not reported: the words occur in prose (\"meet at noon dot com bubble\") and the written form is not machine-usable; it is left to the model-side policy"},
		{Email, "email brackets", "jane.doe[at]corp-mail[dot]com", "defanged addresses ([at], [dot]) are not counted, like the spelled-out form: a person can rebuild them, a mail client cannot"},
		{Phone, "phone international dots", "+44.20.7946.0958", ""},
		{Phone, "phone 00 prefix", "call 0044 20 7946 0958", ""},
		{Phone, "phone fullwidth", "call ＋１ ４１５ ５５５ ２６７１", ""},
		{Phone, "phone extension", "call +1 415-555-2671 ext. 12", ""},
		{Phone, "phone no separators plus", "+4915123456789", ""},
		{USSSN, "ssn fullwidth", "SSN ５３６-９０-４３９９", ""},
		{USSSN, "ssn dots", "SSN 536.90.4399", "dotted 3-2-4 digits are not read as an SSN (section and version numbers)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			got := found(t, sc, c.text)
			for _, g := range got {
				if strings.HasPrefix(g, c.kind+":") {
					return
				}
			}
			t.Fatalf("%q: got %q, want a %s", c.text, got, c.kind)
		})
	}
}

// TestBenignAnswers: values answers quote that are not anyone's personal data. fp names a
// remaining false positive (pii anonymises by default, so the value is masked, not the
// answer blocked), pinned as a skipped subtest.
func TestBenignAnswers(t *testing.T) {
	sc := newTestScanner(t, Options{})
	cases := []struct{ name, text, fp string }{
		{"toll free", "Apple Support: 1-800-275-2273 (https://support.apple.com)", ""},
		{"toll free plus", "Call +1 888 555 2671 for billing.", ""},
		{"fictional 555-01xx", "Call +1 (415) 555-0132 for the demo line.", ""},
		{"typographic quotes", "It’s “quoted” — and version 1.2.3.4 isn’t an IP.", ""},
		{"fullwidth prose", "Ｈｅｌｌｏ　ｗｏｒｌｄ，ｖｅｒｓｉｏｎ　１．２．３", ""},
		{"npm version", "npm i lodash@4.17.21", ""},
		{"business landline", "Empire State Building, phone (212) 736-3100.",
			"a business landline is indistinguishable from a personal one"},
		{"documentation email", "INSERT INTO users (email) VALUES ('alice@example.com');",
			"example.com addresses are reported on purpose (see positives): placeholder data in prompts is how real data is tested"},
		{"test card", "Stripe test card: 4242 4242 4242 4242",
			"published test card numbers pass Luhn; reported like real ones (anonymised, not blocked)"},
		{"private ip in tutorial", "ssh deploy@10.0.0.5 'sudo systemctl restart app'",
			"private IPv4 addresses are reported (include_reserved only covers loopback, documentation and link-local ranges)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.fp != "" {
				t.Skip("known false positive: " + c.fp)
			}
			if got := found(t, sc, c.text); len(got) != 0 {
				t.Fatalf("%q", got)
			}
		})
	}
}
