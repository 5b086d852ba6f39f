#!/bin/sh
# Regenerates the 7z fixtures used by sevenzip_test.go. Needs p7zip (`7z`).
# Every archive holds the same harmless files: data.pkl (a pickle of the int 42), sub/notes.txt,
# an empty file and a directory. Run from anywhere: ./gen.sh
set -eu
command -v 7z >/dev/null || { echo "gen.sh: 7z (p7zip-full) is required" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p src/sub src/emptydir
printf '\200\004K*.' > src/data.pkl
printf 'notes for the 7z fixtures\n' > src/sub/notes.txt
: > src/empty
cd src
mk() { out="$here/$1"; shift; rm -f "$out"; 7z a -bd -bso0 -bsp0 -mtm=off -mtc=off -mta=off "$@" "$out" data.pkl sub emptydir empty; }
mk lzma2.7z                       # defaults: LZMA2, solid, compressed header
mk lzma.7z -m0=LZMA
mk ppmd.7z -m0=PPMd
mk bzip2.7z -m0=BZip2
mk deflate.7z -m0=Deflate
mk copy-plainheader.7z -m0=Copy -mhc=off
mk plainheader.7z -mhc=off         # LZMA2 data, uncompressed header
mk bcj.7z -mf=BCJ -m0=LZMA2
mk nonsolid.7z -ms=off
mk aes-data.7z -pSECRET           # names visible, data AES-encrypted
mk aes-header.7z -pSECRET -mhe=on # names and data AES-encrypted
ls -l "$here"/*.7z
