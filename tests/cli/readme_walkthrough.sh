#!/usr/bin/env bash
# The README's researcher walk-through, run as written: the shell block under "From the archive to
# tables and citations" is taken from README.md and pasted into a shell in a scratch directory
# holding a copy of samples/, with the built caci in place of build-release/cli/caci. Every
# command must succeed and leave its output (archive.json, CSV, SQLite, BibTeX) behind.
#   readme_walkthrough.sh REPO_ROOT CACI
set -euo pipefail
root=$1 caci=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/samples" "$work/samples"
block=$(awk '/^### From the archive to tables and citations/ {on = 1} on && /^```sh$/ {inblock = 1; next}
  inblock && /^```$/ {exit} inblock {print}' "$root/README.md")
[ -n "$block" ] || { echo "no walk-through block found in README.md"; exit 1; }
block=${block//build-release\/cli\/caci/$caci}
cd "$work"
# Debian's python3 (with python3-pandas from scripts/setup.sh) first, as on a fresh machine.
export PATH=/usr/bin:$PATH
printf '%s\n' "$block" > walkthrough.sh
bash -euo pipefail walkthrough.sh > out.txt 2> err.txt || { cat out.txt err.txt; exit 1; }
for f in archive.json articles.csv archive.sqlite analyst.bib; do
  [ -s "$f" ] || { echo "the walk-through left no $f"; cat out.txt err.txt; exit 1; }
done
grep -q 'article' out.txt || { echo "the pandas line printed no table"; cat out.txt; exit 1; }
echo "README walk-through ran: $(wc -l < walkthrough.sh) lines"
