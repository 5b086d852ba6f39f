package junit

import "encoding/xml"

// The JUnit XML document, shared by the scan and red-team reports. Time attributes are
// omitted when empty.

// Suites is the <testsuites> root.
type Suites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Time     string   `xml:"time,attr,omitempty"`
	Suites   []Suite  `xml:"testsuite"`
}

// Suite is one <testsuite>.
type Suite struct {
	Name       string     `xml:"name,attr"`
	Tests      int        `xml:"tests,attr"`
	Failures   int        `xml:"failures,attr"`
	Errors     int        `xml:"errors,attr"`
	Skipped    int        `xml:"skipped,attr"`
	Time       string     `xml:"time,attr,omitempty"`
	Timestamp  string     `xml:"timestamp,attr,omitempty"`
	Properties []Property `xml:"properties>property"`
	Cases      []Case     `xml:"testcase"`
}

// Property is one <property> of a suite.
type Property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// Case is one <testcase>: passed, or skipped, errored or failed (possibly several times).
type Case struct {
	Name      string    `xml:"name,attr"`
	Classname string    `xml:"classname,attr"`
	Skipped   *Message  `xml:"skipped,omitempty"`
	Error     *Message  `xml:"error,omitempty"`
	Failures  []Message `xml:"failure"`
}

// Message is the shape of <failure>, <error> and <skipped>.
type Message struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	// Body is CDATA so that multi-line details stay readable; callers pass it through
	// text.OneLine or text.Visible, so it holds no character XML forbids (encoding/xml
	// itself splits any "]]>").
	Body string `xml:",cdata"`
}
