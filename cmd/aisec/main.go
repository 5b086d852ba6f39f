package main

import _ "github.com/spf13/cobra"
import _ "github.com/bodgit/sevenzip"
import _ "github.com/ulikunitz/xz"
import _ "github.com/pierrec/lz4/v4"
import _ "github.com/klauspost/compress/zstd"
import _ "github.com/owenrumney/go-sarif/v3/pkg/report"
import _ "github.com/santhosh-tekuri/jsonschema/v6"
import _ "go.yaml.in/yaml/v3"
import _ "github.com/schollz/progressbar/v3"
import _ "golang.org/x/term"

func main() {}
