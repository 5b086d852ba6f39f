#!/bin/sh
# Regenerates the committed fixtures that need external tools: 7z archives (7z), encrypted
# archives (7z), and a bzip2-compressed joblib payload (bzip2; Go's standard library can only
# decompress bzip2). Payload pickles come from aisec's own generator (internal/testgen), so they
# only ever run `echo aisec-test`.
#
# Run from anywhere inside the repository:  sh testdata/malicious/gen7z.sh
# Skips (exit 0, message on stderr) when 7z is not installed.
set -eu

if ! command -v 7z >/dev/null 2>&1; then
	echo "gen7z.sh: 7z not found (Debian: apt-get install p7zip-full); nothing regenerated" >&2
	exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$repo" && go run ./internal/testgen/cmd/gen-fixtures -out "$work/fx")
fx=$work/fx
password=aisec-test

# Fixed timestamps so unencrypted archives are reproducible.
stage() { # stage <dir> <file:dest>...
	dir=$1; shift
	for pair in "$@"; do
		mkdir -p "$dir/$(dirname "${pair#*:}")"
		cp "$fx/${pair%%:*}" "$dir/${pair#*:}"
	done
	find "$dir" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
}

seven() { # seven <out> <dir> [7z options...]
	out=$1; dir=$2; shift 2
	rm -f "$here/$out"
	(cd "$dir" && 7z a -bd -bso0 -bsp0 "$@" "$here/$out" .)
}

# nullifAI: a PyTorch checkpoint layout compressed with 7z instead of zip; data.pkl runs
# os.system and is then cut off mid-stream.
7z x -bd -bso0 -bsp0 -o"$work/nullifai" "$fx/torch_zip_nullifai_broken.pt"
find "$work/nullifai" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
seven nullifai_torch.7z "$work/nullifai" -t7z -mx=9 -mtc=off -mta=off

# A plain os.system pickle inside a 7z, under a pickle name and under a non-pickle name.
stage "$work/plain" os_system_global_p2.pkl:model/model.pkl pickle_named_weights.bin:model/weights.bin
seven payload.7z "$work/plain" -t7z -mx=9 -mtc=off -mta=off

# Encrypted archives (password aisec-test): a scanner cannot see inside without the password
# and must say so (status partial/error), never "clean".
stage "$work/enc" os_system_global_p2.pkl:model.pkl
seven encrypted_aes_headers.7z "$work/enc" -t7z -p"$password" -mhe=on
seven encrypted_aes.7z "$work/enc" -t7z -p"$password" -mhe=off
seven encrypted_zipcrypto.zip "$work/enc" -tzip -p"$password" -mem=ZipCrypto
seven encrypted_aes256.zip "$work/enc" -tzip -p"$password" -mem=AES256

# joblib compress='bz2': a bare bzip2 stream around the payload pickle.
bzip2 -9 -c "$fx/joblib_payload.joblib" >"$here/joblib_payload.joblib.bz2"

ls -l "$here"
