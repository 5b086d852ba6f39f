package describe

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestDatasetFormat(t *testing.T) {
	arrowSchema := arrowStreamStart(4, 1)
	tests := []struct {
		name string
		head []byte
		size int64 // 0: len(head)
		want string
	}{
		{"x.parquet", []byte("PAR1\x15\x04"), 100, FormatParquet},
		{"weird-name.bin", []byte("PAR1\x15\x04"), 100, FormatParquet},
		{"data-00000-of-00001.arrow", []byte("ARROW1\x00\x00\xff\xff"), 100, FormatArrow},
		{"cache-abc.arrow", arrowSchema, 4096, FormatArrow},
		{"train.tfrecord", tfRecordFile("hello world", "x"), 0, FormatTFRecord},
		{"shard", tfRecordFile("record"), 0, FormatTFRecord},
		{"data/train.csv", []byte("text,label\n\"a, b\",1\nc,0\n"), 0, FormatCSV},
		{"semi.csv", []byte("a;b;c\n1;2;3\n4;5;6\n"), 0, FormatCSV},
		{"x.tsv", []byte("text\tlabel\nhello\t1\nbye\t0"), 0, FormatTSV},
		{"train.jsonl", []byte("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\"}\n"), 0, FormatJSONL},
		{"cut.jsonl", []byte("{\"text\": \"a very long first line that the head cuts"), 1 << 20, FormatJSONL},
		{"squad-train-v2.json", []byte(`[{"q": "a", "a": "b"}, {"q": "c", "a": "d"}]`), 0, FormatJSON},
		{"data.json", []byte(`  [ {"q": "a", "a": "b"}, {"q": "c", "a": "d`), 1 << 20, FormatJSON},
		{"shard-000017.tar", tarHead("000000.jpg"), 10240, FormatWebDataset},
	}
	for _, tt := range tests {
		size := tt.size
		if size == 0 {
			size = int64(len(tt.head))
		}
		got, ok := DatasetFormat(tt.name, tt.head, size)
		if got != tt.want || !ok {
			t.Errorf("DatasetFormat(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

// TestDatasetFormatBenign: configuration files, prose and other binaries are not datasets.
func TestDatasetFormatBenign(t *testing.T) {
	tests := []struct {
		name string
		head string
	}{
		{"config.json", `{"model_type": "llama"}`},
		{"data.json", `{"train": [1, 2]}`},                              // an object, not records
		{"test_data.json", `[{"a": 1}, {"b": 2}]`},                      // different keys
		{"test_data.json", `[{"a": 1}]`},                                // one record only
		{"results.json", `[{"a": 1}, {"a": 2}]`},                        // not a split name
		{"package.json", `[{"a": 1}, {"a": 2}]`},                        // not a split name
		{"notes.csv", "just one line without newline"},                  // one line
		{"notes.csv", "a,b\nc\n"},                                       // inconsistent
		{"notes.csv", "plain\nwords\nonly\n"},                           // no delimiter
		{"x.jsonl", "[1, 2, 3]\n"},                                      // not an object
		{"x.jsonl", "hello\n"},                                          // not JSON
		{"README.md", "# Title\n\nsome,text,here\nmore,text,here\n"},    // not by extension
		{"train.txt", "a,b\nc,d\n"},                                     // not by extension
		{"weights.bin", "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"}, // too short and zero
		{"x.arrow", "\xff\xff\xff\xff\x08\x00\x00\x00garbage!"},         // no Schema message
		{"backup.tar", string(tarHead("a.txt"))},                        // not a shard name
	}
	for _, tt := range tests {
		if got, ok := DatasetFormat(tt.name, []byte(tt.head), int64(len(tt.head))); ok {
			t.Errorf("DatasetFormat(%q, %q) = %q", tt.name, tt.head, got)
		}
	}
	// TFRecord: a wrong checksum is not one.
	rec := tfRecordFile("hello")
	rec[8] ^= 1
	if got, ok := DatasetFormat("x.tfrecord", rec, int64(len(rec))); ok {
		t.Errorf("bad TFRecord checksum accepted as %q", got)
	}
}

// arrowStreamStart builds the first bytes of an Arrow IPC stream: continuation, metadata
// length and a flatbuffer Message with version and header_type.
func arrowStreamStart(version uint16, header byte) []byte {
	// Layout: [0:4] root offset, [4:12] vtable, [12:16] soffset, [16:18] version, [18] header_type.
	msg := make([]byte, 24)
	msg[0] = 12
	copy(msg[4:], []byte{8, 0, 7, 0, 4, 0, 6, 0})
	msg[12] = 8 // table - vtable = 12 - 4
	msg[16], msg[17] = byte(version), byte(version>>8)
	msg[18] = header
	out := []byte{0xff, 0xff, 0xff, 0xff, byte(len(msg)), 0, 0, 0}
	return append(out, msg...)
}

// tarHead is a 512-byte ustar header naming one member.
func tarHead(name string) []byte {
	h := make([]byte, 512)
	copy(h, name)
	copy(h[257:], "ustar\x0000")
	return h
}

func TestArrowStreamChecks(t *testing.T) {
	if _, ok := DatasetFormat("a.arrow", arrowStreamStart(4, 3), 4096); ok {
		t.Error("a stream starting with a RecordBatch accepted")
	}
	if _, ok := DatasetFormat("a.arrow", arrowStreamStart(9, 1), 4096); ok {
		t.Error("an unknown metadata version accepted")
	}
}

func TestDatasetTail(t *testing.T) {
	f := parquetFile(parquetFooter(10, "x", []schemaElem{{"schema", 1}, {"a", 0}}))
	if !DatasetTail(FormatParquet, f[len(f)-8:], int64(len(f))) {
		t.Error("valid Parquet tail refused")
	}
	if DatasetTail(FormatParquet, []byte("\x10\x00\x00\x00PAR2"), 100) || DatasetTail(FormatParquet, []byte("\xff\xff\x00\x00PAR1"), 100) {
		t.Error("bad Parquet tail accepted")
	}
	if !DatasetTail(FormatCSV, nil, 10) {
		t.Error("CSV needs no tail")
	}
}

func stats(t *testing.T, format string, data []byte) *Details {
	t.Helper()
	d, err := DatasetStats(context.Background(), format, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return d
}

func TestDatasetStats(t *testing.T) {
	tests := []struct {
		name, format, data string
		want               Details
	}{
		{"csv", FormatCSV, "\ufefftext,\"the label\",\"a \"\"quoted\"\" col\"\r\n\"multi\nline\",1,x\r\nb,0,y\r\n\r\nc,1,z",
			Details{Records: 3, Columns: []string{"text", "the label", `a "quoted" col`}}},
		{"tsv", FormatTSV, "a\tb\n1\t\"2\n3\t4\n", Details{Records: 2, Columns: []string{"a", "b"}}},
		{"jsonl", FormatJSONL, "{\"text\": \"x\", \"label\": 1, \"meta\": {\"k\": [1]}}\n\n{\"text\": \"y\"}\n{\"text\": \"z\"}",
			Details{Records: 3, Columns: []string{"text", "label", "meta"}}},
		{"json", FormatJSON, `[{"q": 1, "a": 2}, {"q": 3, "a": 4}, {"q": 5}]`, Details{Records: 3, Columns: []string{"q", "a"}}},
		{"tfrecord", FormatTFRecord, string(tfRecordFile("a", "bb", "", "dddd")), Details{Records: 4}},
		{"arrow", FormatArrow, "ARROW1\x00\x00", Details{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stats(t, tt.format, []byte(tt.data))
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
	if _, err := DatasetStats(context.Background(), "nope", bytes.NewReader(nil), 0); err == nil {
		t.Error("unknown format: no error")
	}
}

func TestDatasetDetailsLarge(t *testing.T) {
	data := []byte("id,text\n" + repeatLines(5000, "%d,row\n"))
	n, cols, err := DatasetDetails(FormatCSV, bytes.NewReader(data), int64(len(data)))
	if err != nil || n != 5000 || !reflect.DeepEqual(cols, []string{"id", "text"}) {
		t.Errorf("got %d %v %v", n, cols, err)
	}
}

func TestTFRecordBroken(t *testing.T) {
	data := tfRecordFile("abc", "defg")
	d, err := DatasetStats(context.Background(), FormatTFRecord, bytes.NewReader(data[:len(data)-3]), int64(len(data)-3))
	if err == nil || d.Records != 1 {
		t.Errorf("cut TFRecord: %+v, %v", d, err)
	}
}

func TestParquet(t *testing.T) {
	schema := []schemaElem{{"schema", 4}, {"text", 0}, {"label", 0}, {"meta", 2}, {"source", 0}, {"lang", 0}, {"score", 0}}
	f := parquetFile(parquetFooter(25000, "parquet-cpp-arrow version 14.0.1", schema))
	if got, ok := DatasetFormat("train-00000-of-00001.parquet", f[:64], int64(len(f))); got != FormatParquet || !ok {
		t.Fatalf("DatasetFormat = %q", got)
	}
	d := stats(t, FormatParquet, f)
	want := Details{Records: 25000, Columns: []string{"text", "label", "meta", "score"}, Producer: "parquet-cpp-arrow version 14.0.1"}
	if !reflect.DeepEqual(*d, want) {
		t.Errorf("got %+v, want %+v", *d, want)
	}
	// Many columns: the list size goes in a varint, field ids past a delta of 15 in full.
	var many []schemaElem
	many = append(many, schemaElem{"schema", 40})
	for i := 0; i < 40; i++ {
		many = append(many, schemaElem{strings.Repeat("c", i+1), 0})
	}
	d = stats(t, FormatParquet, parquetFile(parquetFooter(1, "", many)))
	if len(d.Columns) != 40 || d.Records != 1 {
		t.Errorf("40 columns: %+v", d)
	}
}

func TestParquetBroken(t *testing.T) {
	good := parquetFooter(7, "w", []schemaElem{{"schema", 1}, {"a", 0}})
	for i := 0; i < len(good); i++ {
		if _, err := ParseParquetFooter(good[:i]); err == nil {
			t.Errorf("footer cut at %d parsed without error", i)
		}
	}
	for _, file := range [][]byte{
		[]byte("PAR1"),
		append([]byte("PAR1xxxx"), []byte("\xff\xff\xff\x7fPAR1")...), // footer longer than the file
		append([]byte("PAR1xxxx"), []byte("\x04\x00\x00\x00PARE")...), // encrypted
		parquetFile([]byte{0x19, 0xfc}),                               // list of a huge size
	} {
		if _, err := DatasetStats(context.Background(), FormatParquet, bytes.NewReader(file), int64(len(file))); err == nil {
			t.Errorf("%q: no error", file)
		}
	}
}

func TestImageFolder(t *testing.T) {
	var files []string
	for _, c := range []string{"cat", "dog"} {
		for i := 0; i < 6; i++ {
			files = append(files, "train/"+c+"/"+strings.Repeat("x", i+1)+".JPG", "test\\"+c+"\\"+strings.Repeat("y", i+1)+".png")
		}
	}
	files = append(files, "README.md", "metadata.jsonl", ".DS_Store", "labels.txt")
	ok, classes := ImageFolder(files)
	if !ok || !reflect.DeepEqual(classes, []string{"cat", "dog"}) {
		t.Errorf("class folders: %v %v", ok, classes)
	}
	flat := []string{}
	for i := 0; i < 12; i++ {
		flat = append(flat, strings.Repeat("i", i+1)+".webp")
	}
	if ok, classes := ImageFolder(flat); !ok || classes != nil {
		t.Errorf("flat folder: %v %v", ok, classes)
	}
	if ok, _ := ImageFolder(flat[:9]); ok {
		t.Error("9 images accepted")
	}
	mixed := append(append([]string{}, flat...), "a.py", "b.py", "c.py", "d.py") // 12 of 16 = 75%
	if ok, _ := ImageFolder(mixed); ok {
		t.Error("a code folder with some images accepted")
	}
}
