#!/bin/sh
# Regenerates aisec_onnx.pb.go from aisec_onnx.proto.
#
# Needs Debian's protobuf-compiler (protoc 3.21) and protoc-gen-go v1.36.12, the version pinned
# in go.mod:
#   apt-get install protobuf-compiler
#   go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
# The generated file is committed, so building aisec never needs protoc.
set -eu
cd "$(dirname "$0")"
PATH="$(go env GOPATH)/bin:$PATH"
want="protoc-gen-go v1.36.12"
got="$(protoc-gen-go --version)"
if [ "$got" != "$want" ]; then
	echo "generate.sh: need $want, found $got" >&2
	exit 1
fi
protoc --proto_path=. --go_out=. --go_opt=paths=source_relative aisec_onnx.proto
gofmt -l . | (! grep .)
