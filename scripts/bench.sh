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
# apt-get when it can (Debian: hyperfine poppler-utils mupdf-tools time chromium). Runs the
# four commands in turn, ROUNDS times (default 10), and prints per file the median time of each,
# the ratio scan/pdftotext (below 1: tokenlens analyzes faster than pdftotext extracts), scan/
# mutool and what scanning adds to extraction (each the median of its per-round ratios), and
# tokenlens's peak RSS; then the median ratios over the files.
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
ROUNDS=${ROUNDS:-10}
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
    # Rounds of the four commands one after the other, so a slow spell of a shared machine
    # falls on all four alike; each ratio is the median of its per-round ratios.
    for r in $(seq 0 "$ROUNDS"); do
        hyperfine -N --style none --runs 1 --export-json "$tmp/h$r.json" \
            "$BIN text '$f'" "$BIN scan -q '$f'" "pdftotext -q '$f' -" \
            "mutool draw -q -F txt -o /dev/null '$f'" >/dev/null 2>&1
    done
    # Round 0 warms the page cache and is left out.
    read -r ours scan theirs mu ratio mratio adds < <(python3 - "$tmp" "$ROUNDS" <<'PY'
import json, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
runs = [[x["times"][0] for x in json.load(open(f"{tmp}/h{r}.json"))["results"]] for r in range(1, rounds + 1)]
med = statistics.median
text, scan, pdftotext, mutool = (med([r[i] for r in runs]) for i in range(4))
print(text, scan, pdftotext, mutool,
      f"{med([r[1] / r[2] for r in runs]):.2f}", f"{med([r[1] / r[3] for r in runs]):.2f}",
      f"{med([(r[1] - r[0]) / r[0] * 100 for r in runs]):+.1f}%")
PY
)
    /usr/bin/time -f '%M' -o "$tmp/rss" "$BIN" scan -q --isolation thread "$f" >/dev/null 2>&1 || true
    rss=$(tail -1 "$tmp/rss")
    ratios+=("$ratio"); mratios+=("$mratio")
    printf '%-32s %6s %9.3f %9.3f %11.3f %9.3f %8s %8s %10s %8.1f\n' "$name" "${pages:-?}" "$ours" "$scan" "$theirs" "$mu" "$ratio" "$mratio" "$adds" "$(python3 -c "print($rss/1024)")"
done
python3 -c "import statistics,sys;print('median ratio tokenlens scan / pdftotext:', statistics.median(map(float, sys.argv[1:])))" "${ratios[@]}"
python3 -c "import statistics,sys;print('median ratio tokenlens scan / mutool:   ', statistics.median(map(float, sys.argv[1:])))" "${mratios[@]}"
