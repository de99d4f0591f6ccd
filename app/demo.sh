#!/usr/bin/env bash
# `make demo`: synthesizes a small dataset (seconds), replays it through the engine with
# `smartcopy backtest`, and prints the summary and where the reports are (report.json and the
# self-contained report.html, to open in any browser).
set -euo pipefail
binary=$(realpath "${1:?usage: demo.sh path/to/smartcopy}")
work=$(mktemp -d /tmp/smartcopy-demo.XXXXXX)
echo "== smartcopy data synth (a small synthetic dataset)"
"$binary" data synth --out "$work/data" --seed 42 --traders 30 --days 14 --tokens 4 --interval 15m
echo
echo "== smartcopy backtest (the same actors as live, on a simulated clock)"
"$binary" backtest --data "$work/data" --out "$work/report" --set log.level=error
echo
echo "open in a browser: file://$work/report/report.html"
