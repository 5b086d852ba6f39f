package pii

import (
	"context"
	"strings"
	"testing"
)

const benchParagraph = `Hi team, following up on ticket 48213 from 2024-05-01: the customer reported that
version 2.3.1 of the app crashes after 30 seconds when uploading files larger than 512 MB. The
logs show request_id=7f3c9a2e-1b4d-4c8e-9f0a-2d6e8b1c5a37, latency 1234 ms and status 500.
Revenue impact is about $12,500 per day. Please review the stack trace and suggest a fix. `

// pii4KiB is a realistic prompt: prose with numbers, dates, versions and identifiers.
func pii4KiB() string {
	return strings.Repeat(benchParagraph, 4096/len(benchParagraph)+1)[:4096]
}

func benchmarkPII(b *testing.B, s string) {
	sc := newTestScanner(b, Options{})
	ctx := context.Background()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sc.Find(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPII4KiB: a prompt with many numbers and no personal data.
func BenchmarkPII4KiB(b *testing.B) { benchmarkPII(b, pii4KiB()) }

// BenchmarkPIIWithEntities4KiB: the same with an e-mail, a phone number, a card and an IBAN.
func BenchmarkPIIWithEntities4KiB(b *testing.B) {
	benchmarkPII(b, pii4KiB()[:3900]+" jane.doe@example.com +1 415-555-2671 4111 1111 1111 1111 DE89370400440532013000")
}
