#!/usr/bin/env bash
# fuzz.gate: checks scripts/fuzz's release-gate logic in seconds (docs/fuzzing.md "Before a
# release"): a short real gate run passes and reports every target's executions; a target that
# stops short of its executions or finds something fails the run and is named; --jobs splits a
# target's executions over its processes exactly; every target has a row in the gate table.
#   gate_check.sh SOURCE_DIR FUZZER_DIR WORK_DIR
set -uo pipefail
src=$1 real=$2 work=$3
rm -rf "$work" && mkdir -p "$work/fake"
fail=0
check() { # check DESCRIPTION COMMAND...: the command must succeed
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

# 1. A real gate run, 2,000 executions per target over 2 processes each, passes.
"$src/scripts/fuzz" --bin "$real" --out "$work/real" --gate --execs 2000 --jobs 2 device_frame provisioning \
  >"$work/real.txt" 2>&1
rc=$?
cat "$work/real.txt"
check "a clean gate run exits 0" test "$rc" -eq 0
for t in device_frame provisioning; do
  check "$t: at least 2000 executions, 0 findings" \
    awk -v t="$t" '$1 == t && $3 >= 2000 && $8 == "0" { found = 1 } END { exit !found }' "$work/real.txt"
done

# 2. Fake fuzzers (libFuzzer's output format) that stop short: one finds a crash, one ends early.
cat >"$work/fake/fuzzer" <<'FAKE'
#!/usr/bin/env bash
runs=0 prefix=
for a in "$@"; do
  case $a in -runs=*) runs=${a#-runs=} ;; -artifact_prefix=*) prefix=${a#-artifact_prefix=} ;; esac
done
echo "$(basename "$0") -runs=$runs" >>"$(dirname "$0")/calls"
case $(basename "$0") in
  fuzz_device_frame) echo "stat::number_of_executed_units: $runs"; echo "Done $runs runs in 0 second(s)" ;;
  fuzz_uf2) echo "==1== ERROR: libFuzzer: deadly signal"; echo "stat::number_of_executed_units: $((runs / 2))"
            echo crash >"${prefix}crash-fake"; exit 77 ;;
  fuzz_elf) echo "stat::number_of_executed_units: $((runs - 1))"; echo "Done $((runs - 1)) runs in 0 second(s)" ;;
esac
FAKE
chmod +x "$work/fake/fuzzer"
for t in device_frame uf2 elf; do ln -s fuzzer "$work/fake/fuzz_$t"; done
"$src/scripts/fuzz" --bin "$work/fake" --out "$work/fake-out" --gate --execs 10 --jobs 3 device_frame uf2 elf \
  >"$work/fake.txt" 2>&1
rc=$?
cat "$work/fake.txt"
check "a gate run with a finding and a short target exits 1" test "$rc" -eq 1
check "the clean target still passes with 10 executions" \
  awk '$1 == "device_frame" && $3 == 10 && $8 == "0" { f = 1 } END { exit !f }' "$work/fake.txt"
check "the finding is named" grep -q '^uf2 .* 1 .*uf2-crash-fake' "$work/fake.txt"
check "the target short of its executions is named" grep -q 'elf: stopped after 7 of 10 executions' "$work/fake.txt"
check "--jobs 3 splits 10 executions 4 + 3 + 3" \
  test "$(grep '^fuzz_device_frame ' "$work/fake/calls" | sort | tr '\n' ' ')" = \
  "fuzz_device_frame -runs=3 fuzz_device_frame -runs=3 fuzz_device_frame -runs=4 "

# 3. Every target has a row in the gate table (a new target without one is refused).
listed=$("$src/scripts/fuzz" --list)
for d in "$src"/tests/fuzz/corpus/*/; do
  t=$(basename "$d")
  grep -q "^$t " <<<"$listed" || { echo "FAIL $t has no row in scripts/fuzz's gate table"; fail=1; }
done
check "every target in tests/fuzz/corpus has a gate row" true
exit $fail
