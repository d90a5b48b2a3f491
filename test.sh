#!/usr/bin/env bash
# Runs every test of the solution: installs what the tests need, then dotnet test, and ends with one
# line "N passed, N failed, N skipped" summed over the test projects.
set -uo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --tests || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Meshy3D.sln --nologo -v minimal 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# vstest prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test project.
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '^(Passed|Failed)! +- Failed: ' "$log")
echo "test projects reporting: $projects"
echo "$passed passed, $failed failed, $skipped skipped"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then exit 1; fi
