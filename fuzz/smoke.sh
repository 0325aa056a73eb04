#!/usr/bin/env bash
# The bounded fuzz smoke run for CI: `bash fuzz/smoke.sh`. Builds every fuzz target with the
# stable toolchain (no sanitizer, so no nightly is needed) and runs each for FUZZ_SECONDS
# (default 20) from the committed corpus and regressions; exits non-zero if any target crashes,
# leaks past 2 GB or hangs for 10 s, after running them all.
#
# FUZZ_TARGET_DIR (default fuzz/target) is where the instrumented build goes: point it at a
# cached folder to keep CI warm. New inputs go to a temporary folder, never into the clone.
set -euo pipefail
cd "$(dirname "$0")"

export CARGO_TERM_COLOR=never
# One thread for the chunked messages read: the fuzzer itself runs on one core.
export RAYON_NUM_THREADS=1
seconds="${FUZZ_SECONDS:-20}"
target_dir="${FUZZ_TARGET_DIR:-$PWD/target}"
work="$(mktemp -d "${TMPDIR:-/tmp}/netsift-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

step "cargo-fuzz"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$cargo_home/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install --locked --root "$cargo_home" cargo-fuzz --version 0.13.2
fi
cargo fuzz --version
cargo --version

step "build (stable, no sanitizer)"
start=$(date +%s)
cargo fuzz build --sanitizer none --target-dir "$target_dir"
echo "built in $(($(date +%s) - start)) s"

failed=()
for target in $(cargo fuzz list); do
    step "$target: ${seconds} s"
    max_len=65536
    [ "$target" = zip ] && max_len=262144
    mkdir -p "$work/$target"
    inputs=("corpus/$target")
    [ -d "regressions/$target" ] && inputs+=("regressions/$target")
    if ! cargo fuzz run --sanitizer none --target-dir "$target_dir" "$target" \
        "$work/$target" "${inputs[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
        -print_final_stats=1 2>"$work/$target.log"; then
        failed+=("$target")
        tail -n 60 "$work/$target.log"
    fi
    grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec)' \
        "$work/$target.log" || true
done

step "done"
if [ ${#failed[@]} -gt 0 ]; then
    echo "crashed: ${failed[*]} (inputs in fuzz/artifacts/<target>/)" >&2
    exit 1
fi
echo "no crash in $(cargo fuzz list | wc -l) targets"
