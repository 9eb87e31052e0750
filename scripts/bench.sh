#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds the release preset, runs every benchmark program and writes one
# JSON report plus a short table (README "Benchmarks").
#
#   scripts/bench.sh [--out FILE] [--compare OLD.json] [NAME ...]
#
# Convention: every folder bench/NAME with a CMakeLists.txt builds
# bench/NAME/bench_NAME, which prints its own table and, given
# `--json FILE`, writes {"benchmark", "figures": [{"name", "value", "unit"}]}
# (bench/common/bench_json.h). NAMEs select some of them (default: all).
# Each program's full output goes to build/release/bench-logs/NAME.txt.
# The report (default build/release/bench-report.json) adds the commit, the
# date and the host; --compare prints each figure next to the same figure
# of an older report. Figures depend on the machine; none is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/release/bench-report.json
compare=""
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --compare) compare="$2"; shift 2 ;;
    -h|--help) sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) names+=("$1"); shift ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for d in bench/*/; do
    n=$(basename "$d")
    if [ "$n" != common ] && [ -f "$d/CMakeLists.txt" ]; then
      names+=("$n")
    fi
  done
fi

bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null

logs=build/release/bench-logs
mkdir -p "$logs"
parts=()
for n in "${names[@]}"; do
  exe=build/release/bench/$n/bench_$n
  part=$logs/$n.json
  rm -f "$part"
  if [ ! -x "$exe" ]; then
    echo "bench.sh: $exe not built (optional dependency missing?)" >&2
    printf '{"benchmark": "bench_%s", "error": "not built"}\n' "$n" >"$part"
  else
    echo "== bench_$n" >&2
    if ! "$exe" --json "$part" >"$logs/$n.txt" 2>&1; then
      echo "bench.sh: bench_$n failed, see $logs/$n.txt" >&2
      printf '{"benchmark": "bench_%s", "error": "exit status, see %s"}\n' "$n" \
        "$logs/$n.txt" >"$part"
    fi
  fi
  parts+=("$part")
done

python3 - "$out" "$compare" "${parts[@]}" <<'EOF'
import datetime, json, os, platform, subprocess, sys

out, compare, parts = sys.argv[1], sys.argv[2], sys.argv[3:]

def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""

cpu = ""
try:
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
except OSError:
    pass

benchmarks = []
for p in parts:
    name = "bench_" + os.path.basename(p)[:-len(".json")]
    try:
        with open(p) as f:
            b = json.load(f)
    except (OSError, ValueError):
        b = {"benchmark": name, "error": "no --json output"}
    benchmarks.append(b)

report = {
    "commit": git("rev-parse", "HEAD"),
    "dirty": git("status", "--porcelain", "--untracked-files=no") != "",
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "host": {"cpu": cpu, "cpus": os.cpu_count(), "machine": platform.machine()},
    "benchmarks": benchmarks,
}
with open(out, "w") as f:
    json.dump(report, f, indent=1)
    f.write("\n")

old = {}
if compare:
    with open(compare) as f:
        for b in json.load(f).get("benchmarks", []):
            for fig in b.get("figures", []):
                old[(b["benchmark"], fig["name"])] = fig["value"]

rows = []
for b in benchmarks:
    if "error" in b:
        rows.append((b["benchmark"], "(" + b["error"] + ")", "", "", ""))
        continue
    for fig in b.get("figures", []):
        was = old.get((b["benchmark"], fig["name"]))
        v = fig["value"]
        rows.append((b["benchmark"], fig["name"],
                     "%d" % v if v == int(v) and abs(v) < 1e15 else "%.6g" % v, fig["unit"],
                     "" if was is None else "%.6g (x%.2f)" % (was, fig["value"] / was if was else 0)))
head = ("benchmark", "figure", "value", "unit", "before (new/old)" if compare else "")
w = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
for r in [head] + rows:
    print("  ".join(c.ljust(w[i]) if i != 2 else c.rjust(w[i]) for i, c in enumerate(r)).rstrip())
print("\nreport: " + out, file=sys.stderr)
EOF
