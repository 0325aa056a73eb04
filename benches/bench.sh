#!/usr/bin/env bash
# Whole-command timing and peak memory of `netsift inspect` and `netsift analyze` at LinkedIn's
# cap, beside the bytes read. Usage: bash benches/bench.sh [CONNECTIONS] [MESSAGES]   (default 30000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-30000}
messages=${2:-1000000}
data=target/bench-data/sample-$connections-$messages
name=Complete_LinkedInDataExport_11-20-2026

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/netsift
for zip in "" "--zip"; do
    want=$data/$name; [ -n "$zip" ] && want=$data/$name.zip
    [ -e "$want" ] || "$bin" sample --out "$data" --connections "$connections" --messages "$messages" --seed 7 $zip >/dev/null
done

bytes=$(cat "$data/$name"/{Connections,messages,Invitations}.csv | wc -c)
printf 'machine: %s, %s cores; export: %s connections, %s messages, %s MB of CSV\n' \
    "$(uname -m)" "$(nproc)" "$connections" "$messages" "$((bytes / 1000000))"
printf '%-28s %10s %10s %12s\n' "run" "wall s" "MB/s" "peak MB"
for command in inspect analyze; do
  for target in "$data/$name" "$data/$name.zip"; do
    for run in 1 2 3; do
        args=(--quiet "$target")
        [ "$command" = analyze ] && args+=(--notes "$data/notes.csv" --out "$data/report")
        /usr/bin/time -f '%e %M' -o /tmp/netsift-bench.time "$bin" "$command" "${args[@]}" >/dev/null
        read -r wall kb < /tmp/netsift-bench.time
        printf '%-28s %10s %10.0f %12.0f\n' "$command $(basename "$target" | sed 's/.*\.zip$/zip/; s/^Complete.*/folder/') #$run" \
            "$wall" "$(awk -v b="$bytes" -v w="$wall" 'BEGIN { print (w > 0 ? b / 1e6 / w : 0) }')" "$((kb / 1024))"
    done
  done
done
