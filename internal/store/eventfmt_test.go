package store

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func fmtEvents() []Event {
	e := fullEvent()
	e.Time = normTime(e.Time)
	hostile := Event{ID: "h1", Time: e.Time.Add(time.Second), Identity: "=cmd|' /C calc'!A0",
		Direction: "input", Action: "block",
		Findings: []Finding{{Rule: "injection", Excerpt: "\x1b]0;pwned\x07\x1b[31mred\u202Eevil\tx\n" +
			strings.Repeat("long ", 40)}}}
	return []Event{e, hostile}
}

func TestWriteJSONLRoundTrip(t *testing.T) {
	events := fmtEvents()
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, events); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	var got []Event
	for sc.Scan() {
		var e Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, e)
	}
	if !reflect.DeepEqual(got, events) {
		t.Fatalf("JSONL round trip:\n got %+v\nwant %+v", got, events)
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, fmtEvents()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !reflect.DeepEqual(rows[0], csvHeader) {
		t.Fatalf("unexpected CSV shape: %q", rows)
	}
	col := func(row []string, name string) string {
		for i, h := range csvHeader {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if got := col(rows[1], "rules"); got != "injection secrets" {
		t.Errorf("rules = %q", got)
	}
	if got := col(rows[1], "time"); got != "2026-11-22T09:30:00.123456Z" {
		t.Errorf("time = %q", got)
	}
	if got := col(rows[1], "prompt"); got != "hello\nworld ✓" {
		t.Errorf("prompt = %q", got)
	}
	if got := col(rows[2], "identity"); got != "'=cmd|' /C calc'!A0" {
		t.Errorf("formula not defused: %q", got)
	}
	var findings []Finding
	if err := json.Unmarshal([]byte(col(rows[1], "findings")), &findings); err != nil || len(findings) != 2 {
		t.Errorf("findings column %q: %v", col(rows[1], "findings"), err)
	}
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, fmtEvents()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want header + 2 rows, got %q", out)
	}
	if !strings.HasPrefix(lines[0], "TIME") || !strings.Contains(lines[0], "EXCERPT") {
		t.Errorf("header %q", lines[0])
	}
	// Columns align: each header word starts where the rows' cells start.
	idx := strings.Index(lines[0], "ACTION")
	if lines[1][idx:idx+5] != "block" {
		t.Errorf("ACTION column misaligned:\n%s", out)
	}
	if !strings.Contains(lines[1], "injection,secrets") || !strings.Contains(lines[1], "ignore previous instructions") {
		t.Errorf("row 1 %q", lines[1])
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202E", "\t"} {
		if strings.Contains(out, bad) {
			t.Errorf("table leaks %q: %q", bad, out)
		}
	}
	if !strings.HasSuffix(lines[2], "…") || len([]rune(lines[2])) > 200 {
		t.Errorf("long excerpt not cut: %q", lines[2])
	}
}

func TestCell(t *testing.T) {
	cases := map[string]string{
		"":                 "-",
		"plain":            "plain",
		"a\tb\nc":          "a b c",
		"x\x1b[2Jy":        "x\uFFFD[2Jy",
		"zero\u200bwidth":  "zero\uFFFDwidth",
		"bad\xffutf8":      "bad\uFFFDutf8",
		"abcdefghijklmnop": "abcdefghij…",
		"abcdefghij":       "abcdefghij",
	}
	for in, want := range cases {
		if got := cell(in, 10); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}
