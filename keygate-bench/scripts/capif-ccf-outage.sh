#!/bin/bash
# Issue 20's CCF-outage line at full length: "The AEF with the CCF stopped for 10 s and started again: handshakes fail
# with a clear alert while it is down and succeed again within 5 s after, with no restart of the AEF; no thread or
# file-descriptor growth over a 60 s run". The CCF and AEF as daemons started by ./keygate (capif-daemons.sh), the C
# client psk_handshake_load doing full TLS 1.2 PSK handshakes (PSK-AES128-GCM-SHA256) from THREADS threads in steps
# of one second, for 60 s: the CCF is stopped (SIGTERM) at 20 s and started again at 30 s from the same state. Prints
# one line per step (handshakes that succeeded and failed, the first failure's OpenSSL error), the seconds from the
# CCF's restart (its process started, its admin port answering) to the first step with no failure, the invoker using
# the AEFPSK it held before the outage (the CCF keeps AEFPSKs in stateDir/aefpsk, so nobody asks again, as in
# CcfOutageTest), the AEF's threads (/proc/PID/status) and open file descriptors (/proc/PID/fd) after the warm-up,
# before the outage, after it and at the end, and whether the AEF is the same process throughout. Exits 1 if a line
# does not hold. Loopback only.
# (The CcfOutageTest in keygate-capif drives a short outage in the test's JVM; this is the bench's full length.)
#
# usage: keygate-bench/scripts/capif-ccf-outage.sh [threads] [warm-up seconds]   (from the repository's root,
#        after a build)
set -euo pipefail
for tool in gcc curl; do
  command -v $tool > /dev/null || { echo "$tool is missing (Debian: apt-get install gcc libssl-dev curl)" >&2; exit 1; }
done
threads=${1:-2}; warmup=${2:-20}
. "$(dirname "$0")/capif-daemons.sh" # the CCF and AEF as daemons, one onboarded invoker, the C client
aef0=$aef
threads_of() { awk '/^Threads:/{print $2}' "/proc/$1/status"; }
fds_of() { ls "/proc/$1/fd" | wc -l; }
# step [seconds]: handshakes for a second (or the time given); prints "OK FAILED first-error"
step() { ./psk_handshake_load 127.0.0.1 "$aefport" "$identity" "$keyfile" 1.2 PSK-AES128-GCM-SHA256 "$threads" "${1:-1}" \
  2> step.err | awk '/^handshakes/{printf "%s %s", $2, $4}'; echo " $(grep -m1 -v '^negotiated' step.err || true)"; }
for _ in $(seq "$warmup"); do step > /dev/null; done # JIT warm-up
echo "invoker $identity, AEF $aefaddr (pid $aef); $threads client threads, ${warmup} s warm-up; load $(load)"
echo "AEF after the warm-up: $(threads_of $aef) threads, $(fds_of $aef) open file descriptors"
start=$(date +%s.%N); stopped=""; restarted=""; recovered=""; first_ok=""; down_fail=0; down_ok=0
now() { awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN {printf "%.2f", n - s}'; }
while :; do
  t=$(now)
  if [ -z "$stopped" ] && awk -v t="$t" 'BEGIN {exit !(t >= 20)}'; then
    echo "AEF before the outage: $(threads_of $aef) threads, $(fds_of $aef) open file descriptors"
    kill "$ccf"; wait "$ccf" 2>/dev/null || true; stopped=$(now); echo "$stopped s: CCF stopped"
  fi
  if [ -n "$stopped" ] && [ -z "$restarted" ] && awk -v t="$t" -v s="$stopped" 'BEGIN {exit !(t >= s + 10)}'; then
    # Started in the background: the handshakes go on while its JVM starts, so the recovery is seen as it happens.
    restarted=$(now); "$root/keygate" capif ccf --config ccf.yaml >> ccf.log 2>&1 & ccf=$!
    # when its admin port answers, and the CPU its start had cost by then (the launcher execs java: the same PID)
    ( wait_up http://127.0.0.1:19090/healthz; echo "$(now) $(cpu $ccf)" > ccf-up.time ) &
    echo "$restarted s: CCF started again (pid $ccf); the invoker ($identity) keeps its AEFPSK"
  fi
  awk -v t="$t" 'BEGIN {exit !(t >= 60)}' && break
  t=$(now) # the step's start, after a stop or restart above
  # Quarter-second steps from the restart to the first step without failures: the recovery time's resolution.
  if [ -n "$restarted" ] && [ -z "$recovered" ]; then d=0.25; else d=1; fi
  read -r ok failed err <<< "$(step $d)"
  echo "$t s: $ok handshakes, $failed failed${err:+ ($err)}"
  if [ -n "$stopped" ] && [ -z "$restarted" ]; then down_fail=$((down_fail + failed)); down_ok=$((down_ok + ok)); fi
  if [ -n "$restarted" ] && [ -z "$first_ok" ] && [ "$ok" -gt 0 ]; then first_ok=$t; fi
  if [ -n "$restarted" ] && [ -z "$recovered" ] && [ "$failed" = 0 ] && [ "$ok" -gt 0 ]; then
    recovered=$t; echo "AEF after the outage: $(threads_of $aef) threads, $(fds_of $aef) open file descriptors"
  fi
done
echo "AEF at the end: $(threads_of $aef) threads, $(fds_of $aef) open file descriptors; load $(load)"
same=$([ "$aef" = "$aef0" ] && kill -0 "$aef" && echo yes || echo NO)
up=""; upcpu=0; if [ -f ccf-up.time ]; then read -r up upcpu < ccf-up.time; fi # empty: not answering by 60 s
awk -v r="$restarted" -v u="$up" -v uc="$upcpu" -v hz="$hz" -v f="$first_ok" -v c="$recovered" -v df="$down_fail" -v dk="$down_ok" -v same="$same" 'BEGIN {
  printf "while the CCF was down: %d handshakes failed, %d succeeded\n", df, dk
  if (u == "") printf "CCF started again at %.1f s, its admin port not answering by the end of the run\n", r
  else printf "CCF started again at %.1f s, its admin port answering at %.1f s (%.1f s of start, %.1f s of CPU)\n", r, \
    u, u - r, uc / hz
  if (c == "") { print "no step without failures after the restart: NOT recovered"; exit 1 }
  printf "first handshake served in the step starting %.2f s after the CCF was started again; first step without " \
    "failures %.2f s after (%.2f s after its admin port answered), the AEFPSK from before the outage: %s\n", f - r, c - r,
    c - u, (c - r <= 5 ? "within 5 s" : "NOT within 5 s")
  printf "the same AEF process throughout: %s\n", same
  exit !(c - r <= 5 && df > 0 && same == "yes") }'
