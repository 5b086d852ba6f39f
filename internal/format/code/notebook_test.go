package code

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestParseNotebook(t *testing.T) {
	data, err := os.ReadFile("testdata/samples/notebook.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := ParseNotebook(data)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Lang != Python || len(nb.Cells) != 5 || nb.Cells[0].Kind != "markdown" || nb.Cells[1].Kind != "code" {
		t.Fatalf("notebook = %+v", nb)
	}
	outs := strings.Join(nb.Cells[2].Outputs, "\n")
	if !strings.Contains(outs, "sk-ant-api03-") {
		t.Errorf("text/plain output with the key is missing: %q", outs)
	}
	if strings.Contains(outs, "iVBORw0KGgo") {
		t.Error("image data kept in outputs")
	}
	if tb := strings.Join(nb.Cells[3].Outputs, "\n"); !strings.Contains(tb, "ValueError: bad") || strings.Contains(tb, "\x1b") {
		t.Errorf("traceback output = %q", tb)
	}

	f := nb.Code()
	if slices.Contains(callees(f), "pip") || slices.Contains(callees(f), "pickle.load") {
		t.Errorf("magic or %%%%bash lines parsed as code: %v", callees(f))
	}
	var load *Call
	for i := range f.Calls {
		if f.Calls[i].Callee == "torch.load" {
			load = &f.Calls[i]
		}
	}
	if load == nil {
		t.Fatalf("torch.load not found in %v", callees(f))
	}
	cell, line, ok := f.CellOf(load.Line)
	if !ok || cell != 3 || line != 5 {
		t.Errorf("CellOf(%d) = %d, %d, %v; want cell 3, line 5", load.Line, cell, line, ok)
	}
	if _, _, ok := f.CellOf(10_000); ok {
		t.Error("CellOf beyond the last cell reported a cell")
	}
}

func TestParseNotebookErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"not json", "import os", "not a JSON object"},
		{"broken json", `{"cells": [`, "unable to parse notebook JSON"},
		{"no cells", `{"metadata": {}}`, `no "cells" list`},
		{"nbformat 3", `{"nbformat": 3, "worksheets": [{"cells": []}]}`, "only nbformat 4"},
		{"bad source", `{"cells": [{"cell_type": "code", "source": 5}]}`, "unable to parse notebook JSON"},
	}
	for _, tt := range tests {
		_, err := ParseNotebook([]byte(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := ParseNotebook(make([]byte, MaxNotebook+1)); err == nil || !strings.Contains(err.Error(), "MiB") {
		t.Errorf("oversized notebook: err = %v", err)
	}
}

func TestNotebookLanguages(t *testing.T) {
	doc := `{"metadata": {"kernelspec": {"language": "%s"}}, "cells": [{"cell_type": "code", "source": "%s"}]}`
	for _, tt := range []struct {
		kernel, src string
		lang        Lang
		callee      string
	}{
		{"python", "eval(x)", Python, "eval"},
		{"typescript", "const r = eval(x)", TypeScript, "eval"},
		{"R", "eval(x)", "", ""},
	} {
		nb, err := ParseNotebook([]byte(sprintf(doc, tt.kernel, tt.src)))
		if err != nil {
			t.Fatal(err)
		}
		f := nb.Code()
		if nb.Lang != tt.lang || (tt.callee == "") != (len(f.Calls) == 0) {
			t.Errorf("%s: lang %q calls %v", tt.kernel, nb.Lang, callees(f))
		}
	}
	many := `{"cells": [` + strings.TrimSuffix(strings.Repeat(`{"cell_type": "raw", "source": ""},`, MaxCells+1), ",") + `]}`
	nb, err := ParseNotebook([]byte(many))
	if err != nil {
		t.Fatal(err)
	}
	if !nb.Truncated || len(nb.Cells) != MaxCells {
		t.Errorf("cell bound: truncated %v, %d cells", nb.Truncated, len(nb.Cells))
	}
}

func sprintf(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}
