#!/usr/bin/env bash
# `make demo`: shows the effective configuration and creates the database in a scratch
# directory. (The backtest issue replaces this with a synthetic dataset and a backtest.)
set -euo pipefail
binary=$(realpath "${1:?usage: demo.sh path/to/smartcopy}")
work=$(mktemp -d /tmp/smartcopy-demo.XXXXXX)
cd "$work"
echo "== smartcopy config show (in $work)"
"$binary" config show --config "$OLDPWD/config/default.toml"
echo
echo "== smartcopy db migrate"
"$binary" db migrate --set db.url=sqlite:"$work/smartcopy.db"
echo
echo "demo database: $work/smartcopy.db (sqlite3 $work/smartcopy.db .tables)"
