#!/usr/bin/env bash
# The backtest benchmark (bench/README.md): synthesizes the standard dataset once (cached under
# BUILD_DIR/bench-data), then times `smartcopy backtest` on it and the bare parse of its rows,
# RUNS times each, and prints the medians with the machine they ran on.
# Usage: bench/run_bench.sh BUILD_DIR [RUNS]   (make bench runs it)
# BENCH_SYNTH="--traders 20 --days 10 ..." replaces the standard dataset (a quick try of the
# script; the recorded figures are the standard dataset's).
set -euo pipefail

build=$(cd "${1:?usage: run_bench.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
smartcopy=$build/smartcopy
parse=$build/bench/smartcopy_parse_bench
for exe in "$smartcopy" "$parse"; do
  [ -x "$exe" ] || { echo "run_bench: $exe is missing (make bench builds it)" >&2; exit 2; }
done

read -ra synth_args <<< "${BENCH_SYNTH:---traders 200 --days 365 --tokens 10 --interval 1m}"
data=$build/bench-data/dataset
stamp=$build/bench-data/dataset.stamp
# The cache is valid for these options and this synthesizer; anything else synthesizes again.
want="${synth_args[*]} $(sha256sum < "$here/../infra/dataset/synthesizer.cpp" | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "synthesizing ${synth_args[*]} into $data (once)"
  rm -rf "$data" "$stamp"
  "$smartcopy" data synth --out "$data" "${synth_args[@]}"
  echo "$want" > "$stamp"
fi

# The report (and its SQLite file, whose commits weigh on the time) on the build's file system.
out=$build/bench-data/out
# A clean environment and working directory: no .env or SMARTCOPY_* variable changes the run.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gnu_time=$(command -v /usr/bin/time || true)

# measure NAME CMD...: runs CMD once, appends "wall cpu peak_kb" to $work/NAME.
measure() {
  local name=$1; shift
  if [ -n "$gnu_time" ] && "$gnu_time" -f '%e %U %S %M' -o "$work/t" true 2>/dev/null; then
    (cd "$work" && env -i PATH="$PATH" "$gnu_time" -f '%e %U %S %M' -o "$work/t" "$@" > "$work/log" 2>&1) ||
      { cat "$work/log" >&2; exit 1; }
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/t" >> "$work/$name"
  else
    local t0 t1
    t0=$(date +%s.%N)
    (cd "$work" && env -i PATH="$PATH" "$@" > "$work/log" 2>&1) || { cat "$work/log" >&2; exit 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f - -\n", b - a }' >> "$work/$name"
  fi
  tail -n 1 "$work/log"
}

# median NAME COLUMN: the median of a column of $work/NAME.
median() {
  cut -d' ' -f"$2" "$work/$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

for i in $(seq "$runs"); do
  echo "backtest run $i/$runs"
  measure backtest "$smartcopy" backtest --data "$data" --out "$out" --set log.level=warn
  echo "parse run $i/$runs"
  measure parse "$parse" "$data"
done

backtest=$(median backtest 1)
parse_s=$(median parse 1)
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "$(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "dataset: ${synth_args[*]} ($(du -sh "$data" | cut -f1))"
printf '%-10s %10s %10s %12s\n' "median of $runs" "wall s" "cpu s" "peak RSS MB"
for name in backtest parse; do
  rss=$(median "$name" 3)
  [ "$rss" = "-" ] || rss=$((rss / 1024))
  printf '%-10s %10s %10s %12s\n' "$name" "$(median "$name" 1)" "$(median "$name" 2)" "$rss"
done
awk -v b="$backtest" -v p="$parse_s" \
  'BEGIN { printf "backtest / parse: %.2fx (targets: backtest <= 10 s, <= 3x the parse)\n", b / p }'
