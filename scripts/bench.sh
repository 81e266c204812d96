#!/usr/bin/env bash
# Speed of `tokenlens text` (extraction) and `tokenlens scan` (extraction and analysis) against
# pdftotext (poppler) and mutool (MuPDF), same files, one run.
#
#   scripts/bench.sh [PDF ...]        default: ../shared/corpus/filings/*.pdf, plus a
#                                     prospectus printed to PDF by Chromium (below)
#
# The default set adds a long, prospectus-like PDF: the CAMP4 424B4 IPO prospectus from the
# shared corpus (EDGAR HTML, 3.8 MB) printed by headless Chromium (496 pages), made once and kept
# in target/bench/.
#
# Needs hyperfine, pdftotext, mutool, GNU time and chromium; installs what is missing with
# apt-get when it can (Debian: hyperfine poppler-utils mupdf-tools time chromium). Prints, per file, the mean time of
# each, the ratio scan/pdftotext (below 1: tokenlens analyzes faster than pdftotext extracts),
# what scanning adds to extraction, and tokenlens's peak RSS; then the median ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v mutool >/dev/null || need+=(mupdf-tools)
[ -x /usr/bin/time ] || need+=(time)
[ "$#" -gt 0 ] || command -v chromium >/dev/null || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "bench.sh: install ${need[*]} first" >&2
        exit 2
    fi
fi
cargo build --release --quiet
BIN=target/release/tokenlens
if [ "$#" -eq 0 ]; then
    printed=target/bench/camp4_424B4_chromium.pdf
    source_html=../shared/corpus/filings/camp4_424B4_2024_ipo_prospectus.htm
    if [ ! -s "$printed" ] && [ -f "$source_html" ]; then
        mkdir -p target/bench
        chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --print-to-pdf="$printed" "file://$(realpath "$source_html")" >/dev/null 2>&1
    fi
    set -- ../shared/corpus/filings/*.pdf
    [ -s "$printed" ] && set -- "$@" "$printed"
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-32s %6s %9s %9s %11s %9s %8s %8s %10s %8s\n' file pages text_s scan_s pdftotext_s mutool_s ratio vs_mutool scan_adds rss_MB
ratios=(); mratios=()
for f in "$@"; do
    name=$(basename "$f")
    pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
    hyperfine --style none --warmup 1 --min-runs 5 --export-json "$tmp/h.json" \
        "$BIN text '$f'" "$BIN scan -q '$f'" "pdftotext -q '$f' -" \
        "mutool draw -q -F txt -o /dev/null '$f'" >/dev/null 2>&1
    read -r ours scan theirs mu < <(python3 -c "import json;r=json.load(open('$tmp/h.json'))['results'];print(*(x['mean'] for x in r))")
    /usr/bin/time -f '%M' -o "$tmp/rss" "$BIN" scan -q --isolation thread "$f" >/dev/null 2>&1 || true
    rss=$(tail -1 "$tmp/rss")
    ratio=$(python3 -c "print(f'{$scan/$theirs:.2f}')")
    mratio=$(python3 -c "print(f'{$scan/$mu:.2f}')")
    adds=$(python3 -c "print(f'{($scan-$ours)/$ours*100:+.1f}%')")
    ratios+=("$ratio"); mratios+=("$mratio")
    printf '%-32s %6s %9.3f %9.3f %11.3f %9.3f %8s %8s %10s %8.1f\n' "$name" "${pages:-?}" "$ours" "$scan" "$theirs" "$mu" "$ratio" "$mratio" "$adds" "$(python3 -c "print($rss/1024)")"
done
python3 -c "import statistics,sys;print('median ratio tokenlens scan / pdftotext:', statistics.median(map(float, sys.argv[1:])))" "${ratios[@]}"
python3 -c "import statistics,sys;print('median ratio tokenlens scan / mutool:   ', statistics.median(map(float, sys.argv[1:])))" "${mratios[@]}"
