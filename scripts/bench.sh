#!/usr/bin/env bash
# Speed of `tokenlens text` (extraction) and `tokenlens scan` (extraction and analysis) against
# pdftotext (poppler-utils), same files, one run.
#
#   scripts/bench.sh [PDF ...]        default: ../shared/corpus/filings/*.pdf
#
# Needs hyperfine, pdftotext and GNU time (Debian: apt-get install hyperfine poppler-utils time).
# Prints, per file, the mean time of each, the ratio scan/pdftotext (below 1: tokenlens analyzes
# faster than pdftotext extracts), what scanning adds to extraction, and tokenlens's peak RSS;
# then the median ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=target/release/tokenlens
if [ "$#" -eq 0 ]; then set -- ../shared/corpus/filings/*.pdf; fi
for tool in hyperfine pdftotext; do
    command -v "$tool" >/dev/null || { echo "bench.sh: $tool not found" >&2; exit 2; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-32s %6s %12s %12s %12s %8s %10s %10s\n' file pages text_s scan_s pdftotext_s ratio scan_adds peak_rss_MB
ratios=()
for f in "$@"; do
    name=$(basename "$f")
    pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
    hyperfine --style none --warmup 1 --min-runs 5 --export-json "$tmp/h.json" \
        "$BIN text '$f'" "$BIN scan -q '$f'" "pdftotext -q '$f' -" >/dev/null 2>&1
    read -r ours scan theirs < <(python3 -c "import json;r=json.load(open('$tmp/h.json'))['results'];print(r[0]['mean'],r[1]['mean'],r[2]['mean'])")
    /usr/bin/time -f '%M' -o "$tmp/rss" "$BIN" text "$f" >/dev/null 2>&1 || true
    rss=$(tail -1 "$tmp/rss")
    ratio=$(python3 -c "print(f'{$scan/$theirs:.2f}')")
    adds=$(python3 -c "print(f'{($scan-$ours)/$ours*100:+.1f}%')")
    ratios+=("$ratio")
    printf '%-32s %6s %12.3f %12.3f %12.3f %8s %10s %10.1f\n' "$name" "${pages:-?}" "$ours" "$scan" "$theirs" "$ratio" "$adds" "$(python3 -c "print($rss/1024)")"
done
python3 -c "import statistics,sys;print('median ratio tokenlens scan / pdftotext:', statistics.median(map(float, sys.argv[1:])))" "${ratios[@]}"
