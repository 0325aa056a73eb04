#!/usr/bin/env bash
# Whole-command timing of `netsift analyze` at LinkedIn's cap and at a quarter and half of it,
# each beside the practical floor measured in the same run (one bare csv::ByteRecord pass over
# the same files), from a folder and from the zip, with peak memory; then `netsift inspect`.
# Usage: bash benches/bench.sh [CONNECTIONS:MESSAGES ...]   (default 7500:250000 15000:500000 30000:1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(7500:250000 15000:500000 30000:1000000)
name=Complete_LinkedInDataExport_11-20-2026
runs=5

cargo build --release --quiet
cargo bench --quiet --bench floor --no-run 2>/dev/null
bin=${CARGO_TARGET_DIR:-target}/release/netsift
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Median wall seconds and largest peak MB of $runs runs of netsift ARGS…, each with a fresh
# (default) history folder, as a first analysis of an export is.
measure() {
    local walls=() peak=0
    for i in $(seq "$runs"); do
        XDG_DATA_HOME="$scratch/xdg-$i-$RANDOM" /usr/bin/time -f '%e %M' -o "$scratch/time" \
            "$bin" "$@" >/dev/null
        read -r wall kb < "$scratch/time"
        walls+=("$wall")
        [ "$((kb / 1024))" -gt "$peak" ] && peak=$((kb / 1024))
    done
    printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" "$peak"
}

printf 'machine: %s, %s cores, %s GiB; %s runs each, median wall, largest peak\n' \
    "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)" "$runs"
printf '%-22s %8s %9s %12s %8s %12s %8s %9s %12s\n' \
    "export" "CSV MB" "floor s" "analyze s" "× floor" "zip s" "× folder" "peak MB" "inspect s"
for size in "${sizes[@]}"; do
    connections=${size%%:*}
    messages=${size##*:}
    data=target/bench-data/sample-$connections-$messages
    for zip in "" "--zip"; do
        want=$data/$name; [ -n "$zip" ] && want=$data/$name.zip
        [ -e "$want" ] || "$bin" sample --out "$data" --connections "$connections" \
            --messages "$messages" --seed 7 $zip -q >/dev/null
    done
    bytes=$(cat "$data/$name"/*.csv | wc -c)
    floor=$(cargo bench --quiet --bench floor -- "$data/$name" 2>/dev/null | tail -1)
    read -r folder peak < <(measure analyze "$data/$name" --notes "$data/notes.csv" --out "$scratch/r" -q)
    read -r zipped zpeak < <(measure analyze "$data/$name.zip" --notes "$data/notes.csv" --out "$scratch/r" -q)
    read -r inspect _ < <(measure inspect "$data/$name" -q)
    [ "$zpeak" -gt "$peak" ] && peak=$zpeak
    printf '%-22s %8d %9s %12s %8.2f %12s %8.2f %9d %12s\n' \
        "$connections / $messages" "$((bytes / 1000000))" "$floor" "$folder" \
        "$(awk -v a="$folder" -v b="$floor" 'BEGIN { print a / b }')" "$zipped" \
        "$(awk -v a="$zipped" -v b="$folder" 'BEGIN { print a / b }')" "$peak" "$inspect"
done
