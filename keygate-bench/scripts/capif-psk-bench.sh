#!/bin/bash
# Issue 20 item 5 (a first cut, not yet a ./keygate bench-load scenario): CAPIF-2e TLS-PSK handshakes per second and
# server CPU per handshake, keygate's AEF + CCF (daemons started by ./keygate, so with the launcher's JVM settings and
# KEYGATE_JAVA_OPTS) against openssl s_server -psk, in one run. Server CPU = utime+stime from /proc/PID/stat over the
# measured seconds (10 ms ticks); peak RSS = VmHWM. Loopback only.
#
# usage: keygate-bench/scripts/capif-psk-bench.sh [seconds] [threads]      (from the repository's root, after a build)
set -euo pipefail
secs=${1:-20}; threads=${2:-4}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
echo "capif-psk-bench-registration-secret" > regsec.txt
cat > ccf.yaml <<YAML
bind: 127.0.0.1:18443
stateDir: ccf-state
serverNames: [localhost]
registrationSecretFile: regsec.txt
admin: 127.0.0.1:19090
onboardingCredentials: open
YAML
cat > aef.yaml <<YAML
ccf: 127.0.0.1:18443
ccfName: localhost
ccfCa: ccf-state/ca.crt
registrationSecretFile: regsec.txt
stateDir: aef-state
host: 127.0.0.1
port: 19443
securityApiPort: 19444
apiPrefix: /nef-demo
apiName: nef-demo
admin: 127.0.0.1:19091
YAML
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cp="$root/keygate-bench/target/keygate-bench-0.1.0-SNAPSHOT.jar:$root/keygate-bench/target/lib/*"
wait_up() { for _ in $(seq 200); do curl -s "$1" >/dev/null && return 0; sleep 0.3; done; echo "not up: $1" >&2; exit 1; }

"$root/keygate" capif ccf --config ccf.yaml > ccf.log 2>&1 & ccf=$!
wait_up http://127.0.0.1:19090/healthz
"$root/keygate" capif aef --config aef.yaml > aef.log 2>&1 & aef=$!
wait_up http://127.0.0.1:19091/healthz
for tls in 1.2 1.3; do
  "$java" -cp "$cp" org.keygate.bench.load.CapifHandshakeLoad 127.0.0.1:18443 ccf-state/ca.crt nef-demo $tls \
    "$threads" 10 > /dev/null 2>&1 # warm-up
  c0=$(cpu $ccf); a0=$(cpu $aef)
  n=$("$java" -cp "$cp" org.keygate.bench.load.CapifHandshakeLoad 127.0.0.1:18443 ccf-state/ca.crt nef-demo $tls \
    "$threads" "$secs" 2>/dev/null | awk '/^handshakes/{print $2}')
  c1=$(cpu $ccf); a1=$(cpu $aef)
  echo "keygate AEF+CCF TLS $tls: $((n / secs))/s; CPU per handshake $(( (a1 - a0) * 1000000 / hz / (n > 0 ? n : 1) )) us AEF + $(( (c1 - c0) * 1000000 / hz / (n > 0 ? n : 1) )) us CCF; peak RSS AEF $(awk '/VmHWM/{print $2}' /proc/$aef/status) kB, CCF $(awk '/VmHWM/{print $2}' /proc/$ccf/status) kB; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
kill $aef $ccf; wait $aef $ccf 2>/dev/null || true

key=00112233445566778899aabbccddeeff
for tls in 1.2 1.3; do
  if [ $tls = 1.2 ]; then v=-tls1_2; c=(-cipher PSK-AES128-GCM-SHA256); else v=-tls1_3; c=(-ciphersuites TLS_AES_128_GCM_SHA256); fi
  openssl s_server -accept 127.0.0.1:19543 -nocert -psk $key -psk_identity inv $v "${c[@]}" -www -quiet >/dev/null 2>&1 &
  srv=$!; sleep 0.5
  s0=$(cpu $srv); end=$((SECONDS + secs)); rm -f count.*
  for t in $(seq "$threads"); do
    ( n=0; while [ $SECONDS -lt $end ]; do
        printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 openssl s_client -connect 127.0.0.1:19543 -psk $key -psk_identity inv \
          $v "${c[@]}" -quiet 2>/dev/null | grep -q "HTTP/1.0 200" && n=$((n + 1)); done; echo $n > count.$t ) &
  done
  wait $(jobs -p | grep -v "^$srv\$") 2>/dev/null || true
  s1=$(cpu $srv); n=$(cat count.* | paste -sd+ | bc)
  echo "openssl s_server -psk TLS $tls: $((n / secs))/s (the s_client loop is the limit); CPU per handshake $(( (s1 - s0) * 1000000 / hz / (n > 0 ? n : 1) )) us; load $(cut -d' ' -f1-3 /proc/loadavg)"
  kill $srv; wait $srv 2>/dev/null || true
done
