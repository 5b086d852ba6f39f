package textnorm

import (
	"strings"
	"testing"
)

const prosePara = "Please help me write a short design note for our payments service. The service exposes an " +
	"API that other teams call to create invoices, and we want the note to explain how authentication works, " +
	"how we rotate access tokens, and why we never store passwords in plain text. Keep the tone friendly. "

func sized(para string, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()[:n]
}

func BenchmarkNormalizeASCII4KiB(b *testing.B) {
	s := sized(prosePara, 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Normalize(s)
	}
}

func BenchmarkNormalizeMapASCII4KiB(b *testing.B) {
	s := sized(prosePara, 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = NormalizeMap(s)
	}
}

func BenchmarkNormalizeMixed4KiB(b *testing.B) {
	s := sized("Bitte hilf mir, eine kurze Notiz über unseren Zahlungsdienst zu schreiben. "+
		"Ｆｕｌｌｗｉｄｔｈ and іgnоrе\u200b look-alikes, café, naïve. 你好，世界。", 4096)
	s = strings.ToValidUTF8(s, "")
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Normalize(s)
	}
}

func BenchmarkNormalizeCJK4KiB(b *testing.B) {
	s := strings.ToValidUTF8(sized("请帮我写一份关于我们支付服务的简短设计说明。", 4096), "")
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Normalize(s)
	}
}

func BenchmarkDecodePlain4KiB(b *testing.B) {
	s := sized(prosePara, 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Decode(s)
	}
}

func BenchmarkDeleet4KiB(b *testing.B) {
	s := Normalize(sized(prosePara, 4096))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Deleet(s)
	}
}

// BenchmarkToLowerBaseline is the floor Normalize is compared with on a loaded machine.
func BenchmarkToLowerBaseline4KiB(b *testing.B) {
	s := sized(prosePara, 4096)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = strings.ToLower(s)
	}
}
