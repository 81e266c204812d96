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
[ "$#" -gt 0 ] || command -v qpdf >/dev/null || need+=(qpdf)
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

# With the default set, the other targets of issue 7 too.
[ "$#" -gt 0 ] && [ -z "${printed:-}" ] && exit 0
corpus=../shared/corpus
[ -d "$corpus/filings" ] || exit 0

# Batch scaling: the corpus's filings and prospectuses (about a second of work), then the same
# four times over; --jobs 1 and 2 in turn. Each worker process pays the fixed cost once.
filings=("$corpus"/filings/* "$corpus"/prospectuses/*)
mkdir -p "$tmp/x4"
for i in 1 2 3 4; do for f in "${filings[@]}"; do cp "$f" "$tmp/x4/$i-$(basename "$f")"; done; done
for set in once x4; do
    if [ "$set" = once ]; then dirs="$corpus/filings $corpus/prospectuses"; n=${#filings[@]}
    else dirs="$tmp/x4"; n=$(( 4 * ${#filings[@]} )); fi
    for r in $(seq 0 "$ROUNDS"); do
        hyperfine -N --style none --runs 1 --export-json "$tmp/b$r.json" \
            "$BIN scan -q --format jsonl --jobs 1 $dirs" \
            "$BIN scan -q --format jsonl --jobs 2 $dirs" >/dev/null 2>&1
    done
    python3 - "$tmp" "$ROUNDS" "$n" <<'PY'
import json, statistics, sys
tmp, rounds, n = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = [[x["times"][0] for x in json.load(open(f"{tmp}/b{r}.json"))["results"]] for r in range(1, rounds + 1)]
one, two = (statistics.median(r[i] for r in runs) for i in (0, 1))
print(f"batch of {n} filings: --jobs 1 {one:.3f} s, --jobs 2 {two:.3f} s, speed-up "
      f"{statistics.median(r[0] / r[1] for r in runs):.2f}x (target >= 1.8)")
PY
done

# EDGAR HTML per core.
html=("$corpus"/filings/*.htm)
bytes=$(cat "${html[@]}" | wc -c)
hyperfine -N --style none --warmup 1 --runs "$ROUNDS" --export-json "$tmp/html.json" \
    "$BIN scan -q --format jsonl --jobs 1 ${html[*]}" >/dev/null 2>&1
python3 - "$tmp/html.json" "$bytes" "${#html[@]}" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["results"][0]["median"]
print(f"EDGAR HTML: {sys.argv[3]} filings, {int(sys.argv[2]) / 1e6:.1f} MB in {t:.3f} s with "
      f"--jobs 1: {int(sys.argv[2]) / 1e6 / t:.0f} MB/s (target >= 40)")
PY

if command -v qpdf >/dev/null; then
    # Memory: a 300-page PDF (the printed prospectus's first 300 pages).
    if [ -s "${printed:-}" ]; then
        qpdf "$printed" --pages . 1-300 -- "$tmp/p300.pdf"
        /usr/bin/time -f '%M' -o "$tmp/rss" "$BIN" scan -q --isolation thread "$tmp/p300.pdf" >/dev/null 2>&1 || true
        echo "peak RSS, one 300-page PDF: $(( $(tail -1 "$tmp/rss") / 1024 )) MB (target <= 150)"
    fi
    # Big documents: eleven copies of the 96-page annual report against one.
    ars=$corpus/filings/msft_annual_report_ars.pdf
    if [ -f "$ars" ]; then
        qpdf --empty --pages $(for _ in $(seq 11); do printf '%s ' "$ars"; done) -- "$tmp/big.pdf"
        hyperfine -N --style none --warmup 1 --runs "$ROUNDS" --export-json "$tmp/big.json" \
            "$BIN scan -q $ars" "$BIN scan -q $tmp/big.pdf" >/dev/null 2>&1
        python3 - "$tmp/big.json" <<'PY'
import json, sys
one, big = (r["median"] for r in json.load(open(sys.argv[1]))["results"])
print(f"big documents: 96 pages {96 / one:.0f} pages/s, 1,056 pages {1056 / big:.0f} pages/s "
      f"(cost per page {big / 1056 / (one / 96):.2f}x the small file's)")
PY
    fi
fi

# Memory over a batch: 10 and 40 filings (copies of the corpus's HTML), --jobs 2.
mkdir -p "$tmp/b10" "$tmp/b40"
for i in $(seq 40); do
    src=${html[$(( i % ${#html[@]} ))]}
    [ "$i" -le 10 ] && cp "$src" "$tmp/b10/$i.htm"
    cp "$src" "$tmp/b40/$i.htm"
done
for n in 10 40; do
    /usr/bin/time -f '%M' -o "$tmp/rss$n" "$BIN" scan -q --format jsonl --jobs 2 "$tmp/b$n" >/dev/null 2>&1 || true
done
echo "peak RSS of a batch, --jobs 2: 10 files $(( $(tail -1 "$tmp/rss10") / 1024 )) MB, 40 files $(( $(tail -1 "$tmp/rss40") / 1024 )) MB (target: flat)"
echo "scanning stage alone: cargo bench --bench scan (target >= 200 MB/s)"
