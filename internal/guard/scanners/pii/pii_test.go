package pii

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

func newTestScanner(t testing.TB, opts Options) *Scanner {
	t.Helper()
	sc, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// found returns "kind:value" for every finding in s.
func found(t testing.TB, sc *Scanner, s string) []string {
	t.Helper()
	fs, err := sc.Find(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, f.Kind+":"+s[f.Start:f.End])
	}
	return out
}

// positives: each text holds exactly the one value listed, of the kind listed.
var positives = []struct{ kind, text, value string }{
	{Email, "write to jane.doe@example.com today", "jane.doe@example.com"},
	{Email, "Contact: <j.smith+news@mail.co.uk>.", "j.smith+news@mail.co.uk"},
	{Email, "EMAIL: JOHN_DOE99@Sub.Example.ORG", "JOHN_DOE99@Sub.Example.ORG"},
	{Email, "mailto:info@xn--bcher-kva.de", "info@xn--bcher-kva.de"},
	{Phone, "call me at +1 415-555-2671 tomorrow", "+1 415-555-2671"},
	{Phone, "Phone: (415) 555-2671", "(415) 555-2671"},
	{Phone, "office 415.555.2671, ask for Ann", "415.555.2671"},
	{Phone, "my mobile is 4155552671", "4155552671"},
	{Phone, "UK: +44 20 7946 0958", "+44 20 7946 0958"},
	{Phone, "Paris +33 1 42 68 53 00", "+33 1 42 68 53 00"},
	{Phone, "+49 30 901820", "+49 30 901820"},
	{Phone, "tel:+14155552671", "+14155552671"},
	{CreditCard, "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"},
	{CreditCard, "pay with 5555555555554444", "5555555555554444"},
	{CreditCard, "amex 3782-822463-10005", "3782-822463-10005"},
	{CreditCard, "visa: 4012-8888-8888-1881.", "4012-8888-8888-1881"},
	{CreditCard, "discover 6011 1111 1111 1117", "6011 1111 1111 1117"},
	{CreditCard, "mc 2223 0000 4841 0010", "2223 0000 4841 0010"},
	{IBAN, "IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00"},
	{IBAN, "to GB82WEST12345698765432.", "GB82WEST12345698765432"},
	{IBAN, "FR1420041010050500013M02606", "FR1420041010050500013M02606"},
	{IBAN, "NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00"},
	{USSSN, "SSN 536-90-4399", "536-90-4399"},
	{USSSN, "her social security number is 536904399", "536904399"},
	{USSSN, "ssn: 536 90 4399", "536 90 4399"},
	{UKNINO, "NI number JG 10 37 59 A", "JG 10 37 59 A"},
	{UKNINO, "national insurance: AB123456C", "AB123456C"},
	{IPAddress, "ssh root@ into 10.0.12.7 failed", "10.0.12.7"},
	{IPAddress, "client 203.45.67.89 made 20 requests", "203.45.67.89"},
	{IPAddress, "my ip is 8.8.4.4", "8.8.4.4"},
	{IPAddress, "server at 2606:4700:4700::1111 is slow", "2606:4700:4700::1111"},
	{IPAddress, "fd12:3456:789a:1::1 is our ULA", "fd12:3456:789a:1::1"},
	{IPAddress, "::ffff:192.168.1.20 mapped", "::ffff:192.168.1.20"},
	{MACAddress, "device 00:1A:2B:3C:4D:5E joined", "00:1A:2B:3C:4D:5E"},
	{MACAddress, "hw a4-5e-60-c2-11-9f", "a4-5e-60-c2-11-9f"},
	{MACAddress, "cisco 001a.2b3c.4d5e", "001a.2b3c.4d5e"},
	{CryptoBTC, "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 now", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"},
	{CryptoBTC, "p2sh 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"},
	{CryptoBTC, "segwit bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"},
	{CryptoBTC, "taproot bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"},
	{CryptoBTC, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"},
	{CryptoETH, "eth 0x52908400098527886E0F7030069857D2E4169EE7", "0x52908400098527886E0F7030069857D2E4169EE7"},
}

func TestPositives(t *testing.T) {
	sc := newTestScanner(t, Options{})
	for _, c := range positives {
		got := found(t, sc, c.text)
		if want := c.kind + ":" + c.value; len(got) != 1 || got[0] != want {
			t.Errorf("%q: got %q, want [%q]", c.text, got, want)
		}
	}
}

// negatives look like personal data and are not.
var negatives = []string{
	// versions, sections, OIDs
	"upgrade to version 1.2.3.4 today", "v10.0.19041.1 build", "see section 4.2.1.3", "release 2.10.0.1",
	"OID 1.3.6.1.4.1.311", "python 3.11.4 and node 20.10.0",
	"a.b.c.d like 1.2.3.4 is a placeholder", "Room 4.12.1.3 on floor 4", "upgrade to 2.10.0.1",
	// dates and times
	"on 2024-01-15 at 12:30:45", "born 15.03.1987", "due 03/15/2024", "2024-01-15T12:30:45Z",
	"timestamp 1700000000000 ms", "epoch 1717171717",
	// prices, quantities, order and ticket numbers
	"it costs $1,234,567.89", "total: 4 500 000 EUR", "order #123456789", "ticket 1234567890",
	"invoice 2024-000123", "tracking 1Z999AA10123456784", "ISBN 978-3-16-148410-0",
	"account 12345678", "qty 5555 5555", "pi is 3.14159265358979",
	// identifiers
	"id 123e4567-e89b-12d3-a456-426614174000", "commit 3f2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
	"sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"hash 0x5f3759df", "color #ff00ff", "std::vector<int> and a::b::c",
	"dead::beef", "12:34:56:78", "the ratio 16:9:4", "k8s pod 10-0-12-7.ns.pod",
	"CAFEBABE00112233", "AB12CD34EF56",
	// e-mail look-alikes
	"icon@2x.png and logo@3x.jpg", "npm i lodash@4.17.21", "@angular/core@17.0.0",
	"git clone git@github.com:acme/app.git", "user@localhost", "decorator @property",
	"twitter @jane_doe", "a@b", "x@y.z",
	// reserved addresses (skipped by default)
	"listen on 0.0.0.0:8080", "curl http://127.0.0.1:3000", "example 192.0.2.15", "doc 2001:db8::1",
	"loopback ::1 and fe80::1ff:fe23:4567:890a", "broadcast 255.255.255.255",
	// numbers that fail checksums or rules
	"card 4111 1111 1111 1112", "not a card 1234 5678 9012 3456", "DE89 3704 0044 0532 0130 01",
	"NI QQ 12 34 56 C", "code AB123456C", "SSN 000-12-3456", "ssn 666-12-3456", "ssn 912-34-5678", "078-05-1120", "nine digits 536904399",
	"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
	"0x0000000000000000000000000000000000000000", "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff",
	"phone 555-0100", "call 123-456-7890", "+1 000-000-0000", "order number 4155552671",
	"account number 415 555 2671x", "invoice 4155552671",
	"The quick brown fox jumps over the lazy dog 12 times in 2024.",
}

func TestNegatives(t *testing.T) {
	sc := newTestScanner(t, Options{})
	for _, s := range append(negatives, benignCorpus...) {
		if got := found(t, sc, s); len(got) > 0 {
			t.Errorf("%q: unexpected %q", s, got)
		}
	}
}

func TestSpansPointAtValues(t *testing.T) {
	sc := newTestScanner(t, Options{})
	text := "Héllo — je m'appelle Zoë, écrivez à zoë.fr@example.fr ou appelez le +33 6 12 34 56 78. " +
		"Carte : 4111-1111-1111-1111, IBAN FR14 2004 1010 0505 0001 3M02 606."
	req := &scanners.Request{Segments: []scanners.Segment{{Text: "nothing here"}, {Text: text}}}
	fs, err := sc.Scan(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"email:fr@example.fr", "phone:+33 6 12 34 56 78", "credit_card:4111-1111-1111-1111", "iban:FR14 2004 1010 0505 0001 3M02 606"}
	if len(fs) != len(want) {
		t.Fatalf("got %+v", fs)
	}
	for k, f := range fs {
		if f.Segment != 1 || f.Kind+":"+text[f.Start:f.End] != want[k] {
			t.Errorf("finding %d = %s %q, want %s", k, f.Kind, text[f.Start:f.End], want[k])
		}
		if !f.Redactable || f.Rule != Name || strings.Contains(f.Excerpt, text[f.Start:f.End]) {
			t.Errorf("bad finding %+v", f)
		}
	}
}

func TestOptions(t *testing.T) {
	if _, err := New(Options{Entities: []string{"passport"}}); err == nil {
		t.Error("unknown entity must fail")
	}
	if _, err := New(Options{DefaultRegion: "XX"}); err == nil {
		t.Error("unknown region must fail")
	}
	gb := newTestScanner(t, Options{DefaultRegion: "gb", Entities: []string{Phone}})
	if got := found(t, gb, "ring 020 7946 0958 or mail a@example.com"); len(got) != 1 || got[0] != "phone:020 7946 0958" {
		t.Errorf("GB region: got %q", got)
	}
	allow := newTestScanner(t, Options{AllowList: []string{"+1 (415) 555-2671", "Support@Example.com"}})
	if got := found(t, allow, "call 415-555-2671 or support@example.com, not bob@example.com"); len(got) != 1 || got[0] != "email:bob@example.com" {
		t.Errorf("allow list: got %q", got)
	}
	res := newTestScanner(t, Options{IncludeReserved: true, Entities: []string{IPAddress}})
	if got := found(t, res, "bind 127.0.0.1 and 2001:db8::1"); len(got) != 2 {
		t.Errorf("include reserved: got %q", got)
	}
}

func TestMask(t *testing.T) {
	for _, c := range []struct{ kind, in, want string }{
		{Email, "jane.doe@example.com", "j***@example.com"},
		{Phone, "+1 415-555-2671", "+* ***-***-**71"},
		{CreditCard, "4111 1111 1111 1111", "**** **** **** 1111"},
		{IBAN, "DE89370400440532013000", "DE**" + strings.Repeat("*", 18) + "00"},
		{IPAddress, "10.0.12.7", "10.*.*.*"},
		{IPAddress, "2606:4700::1111", "2606:*"},
		{USSSN, "536-90-4399", "***********"},
		{MACAddress, "00:1A:2B:3C:4D:5E", "00:1A:2B*********"},
		{CryptoETH, "0x52908400098527886E0F7030069857D2E4169EE7", "0x52…9EE7"},
	} {
		if got := Mask(c.kind, c.in); got != c.want {
			t.Errorf("Mask(%s, %q) = %q, want %q", c.kind, c.in, got, c.want)
		}
	}
}

func TestCancelled(t *testing.T) {
	sc := newTestScanner(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sc.Find(ctx, "a@example.com"); err == nil {
		t.Error("a cancelled scan must fail")
	}
}

func TestPhoneBudget(t *testing.T) {
	sc := newTestScanner(t, Options{Entities: []string{Phone}})
	var b strings.Builder
	for k := range maxPhoneChecks + 20 {
		fmt.Fprintf(&b, "call +1 415-555-%04d\n", 1000+k)
	}
	if got := found(t, sc, b.String()); len(got) != maxPhoneChecks {
		t.Errorf("first scan: %d numbers, want the budget of %d", len(got), maxPhoneChecks)
	}
	// Verdicts are cached, so a second scan of the same conversation goes further.
	if got := found(t, sc, b.String()); len(got) != maxPhoneChecks+20 {
		t.Errorf("second scan: %d numbers, want %d", len(got), maxPhoneChecks+20)
	}
}
