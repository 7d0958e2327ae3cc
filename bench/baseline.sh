#!/usr/bin/env bash
# Extracts packages/schema and packages/engine of <commit> into <dir>, wired to this checkout's dependencies, so
# bench/engine-v2.ts can time that engine beside the current one in one process.
set -euo pipefail
commit=$1
dir=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$dir"
mkdir -p "$dir"
git -C "$root" archive "$commit" packages/schema packages/engine | tar -x -C "$dir"
# The schema's own dependencies (typebox, ajv, …) are unchanged; the engine must see the OLD schema.
ln -s "$root/packages/schema/node_modules" "$dir/packages/schema/node_modules"
mkdir -p "$dir/packages/engine/node_modules/@dbi"
ln -s "$dir/packages/schema" "$dir/packages/engine/node_modules/@dbi/schema"
echo "baseline $commit in $dir"
