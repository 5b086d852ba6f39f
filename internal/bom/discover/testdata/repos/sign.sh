#!/bin/sh
# Signs the tiny hub model with the test key (a P-256 key made for these fixtures only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
snap="$here/hf-cache/models--acme--tiny-llama/snapshots/4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"
cd "$here/../../../../.."
go run ./cmd/aisec sign key --private-key "$here/test-signing-key.pem" --signature "$snap/model.sig" "$snap"
