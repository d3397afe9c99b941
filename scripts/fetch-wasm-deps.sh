#!/usr/bin/env bash
# Fetches the sources of the wasm build's dependencies (utf8proc, simdjson, zstd, Snowball) into the
# git-ignored third_party/ folder. The native build uses Debian's -dev packages; the wasm build
# needs the same versions as source, which Debian's archive serves as source packages once a
# deb-src entry exists.
# Snowball's source package holds the compiler and the .sbl algorithms, not their C: its own
# GNUmakefile builds the compiler (host cc) and generates the English UTF-8 stemmer (what Debian's
# libstemmer-dev ships for that language; the core calls it without libstemmer's lookup table).
# A private sources file keeps the machine's apt configuration untouched. Idempotent: does nothing
# when the unpacked sources are already there.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${CACI_THIRD_PARTY_DIR:-$here/third_party}

utf8proc_dir=$dest/utf8proc-2.8.0
simdjson_dir=$dest/simdjson-3.0.1
zstd_dir=$dest/zstd-1.5.4
snowball_dir=$dest/snowball-2.2.0
have_sources() {
  [ -f "$utf8proc_dir/utf8proc.c" ] && [ -f "$simdjson_dir/singleheader/simdjson.cpp" ] &&
    [ -f "$zstd_dir/lib/zstd.h" ] && [ -f "$snowball_dir/src_c/stem_UTF_8_english.c" ]
}

# The English stemmer's C from the unpacked Snowball sources: src_c/stem_UTF_8_english.{c,h}.
generate_snowball_english() {
  if ! command -v cc >/dev/null || ! command -v make >/dev/null || ! command -v perl >/dev/null; then
    echo "fetch-wasm-deps: generating the Snowball stemmer needs cc, make and perl" >&2
    return 1
  fi
  # Tried twice: once here, running the just-linked compiler failed with "Permission denied".
  if ! make -s -C "$snowball_dir" CC=cc src_c/stem_UTF_8_english.c >"$dest/snowball-build.log" 2>&1 &&
     ! make -s -C "$snowball_dir" CC=cc src_c/stem_UTF_8_english.c >>"$dest/snowball-build.log" 2>&1; then
    cat "$dest/snowball-build.log" >&2
    echo "fetch-wasm-deps: building the Snowball compiler failed" >&2
    return 1
  fi
}
if have_sources; then
  echo "fetch-wasm-deps: sources present in $dest"
  exit 0
fi

mkdir -p "$dest/lists/partial"
system_sources=/etc/apt/sources.list.d/debian.sources
if [ -f "$system_sources" ]; then
  sed 's/^Types: deb$/Types: deb deb-src/' "$system_sources" > "$dest/src.sources"
  list_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$dest/parts")
  mkdir -p "$dest/parts" && cp "$dest/src.sources" "$dest/parts/debian.sources"
elif [ -f /etc/apt/sources.list ]; then
  # Older one-line format: add a deb-src twin of every deb line.
  sed -n 's/^deb \(.*\)$/deb \1\ndeb-src \1/p' /etc/apt/sources.list > "$dest/src.list"
  list_opts=(-o "Dir::Etc::SourceList=$dest/src.list" -o "Dir::Etc::SourceParts=/dev/null")
else
  echo "fetch-wasm-deps: no apt sources found" >&2
  exit 1
fi
apt_opts=("${list_opts[@]}" -o "Dir::State::Lists=$dest/lists")

SUDO=""; [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=sudo
echo "fetch-wasm-deps: fetching utf8proc, simdjson, libzstd and snowball source packages"
$SUDO apt-get "${apt_opts[@]}" update -qq
if ! (cd "$dest" && $SUDO apt-get "${apt_opts[@]}" source --download-only -qq utf8proc simdjson snowball) \
     >"$dest/apt-source.log" 2>&1; then
  grep -v 'Download is performed unsandboxed' "$dest/apt-source.log" >&2 || true
  echo "fetch-wasm-deps: apt-get source failed" >&2
  exit 1
fi
# libzstd: only the upstream tarball is needed. bookworm-security lists a newer Debian revision
# whose files the mirror may lack, so fall back to the release's own revision.
if ! (cd "$dest" && { $SUDO apt-get "${apt_opts[@]}" source --download-only -qq libzstd ||
                      $SUDO apt-get "${apt_opts[@]}" source --download-only -qq libzstd=1.5.4+dfsg2-5; }) \
     >>"$dest/apt-source.log" 2>&1; then
  grep -v 'Download is performed unsandboxed' "$dest/apt-source.log" >&2 || true
  echo "fetch-wasm-deps: apt-get source libzstd failed" >&2
  exit 1
fi
[ -n "$SUDO" ] && $SUDO chown -R "$(id -u):$(id -g)" "$dest"

for pkg in utf8proc_2.8.0 simdjson_3.0.1 libzstd_1.5.4+dfsg2 snowball_2.2.0; do
  archive=$(find "$dest" -maxdepth 1 -name "${pkg}.orig.tar.*" ! -name "*.asc" | head -1)  # not its signature
  if [ -z "$archive" ]; then
    echo "fetch-wasm-deps: $pkg.orig.tar.* was not downloaded (is the Debian version still $pkg?)" >&2
    ls "$dest" >&2
    exit 1
  fi
  tar -xf "$archive" -C "$dest"
done
generate_snowball_english

if ! have_sources; then
  echo "fetch-wasm-deps: unpacked, but expected files are missing under $dest" >&2
  exit 1
fi
echo "fetch-wasm-deps: ok ($dest)"
