# Sourced by the CAPIF bench scripts (capif-psk-bench.sh, capif-ccf-outage.sh), from the repository's root after a
# build: a temporary work directory (removed on exit, with the daemons), the C client psk_handshake_load built there,
# `keygate capif ccf` and `capif aef` started by ./keygate from their files (so with the launcher's JVM settings and
# KEYGATE_JAVA_OPTS), and one invoker onboarded by CapifHandshakeLoad, its AEFPSK written owner-only to $keyfile.
# Sets: root work ccf aef (PIDs) identity keyfile aefport java cp hz; functions cpu PID, load, wait_up URL, and
# start_ccf (sets ccf; a restarted CCF keeps its CA from ccf-state), onboard (sets identity, keyfile, aefaddr).
# The caller sets threads (the C client's, for run and keepalive).
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT # a driver's exit code survives
cd "$work"
gcc -O2 -Wall -o psk_handshake_load "$root/keygate-bench/src/main/c/psk_handshake_load.c" -lssl -lcrypto -lpthread
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
load() { cut -d' ' -f1-3 /proc/loadavg; }
# run PORT VERSION SUITE SECONDS: prints the handshakes that succeeded (the client's failures go to the log)
run() { ./psk_handshake_load 127.0.0.1 "$1" "$identity" "$keyfile" "$2" "$3" "$threads" "$4" 2>>client.log \
  | tee -a client.log | awk '/^handshakes/{print $2}'; }
# keepalive PORT IDENTITY KEYFILE SECONDS: prints the requests answered 200 on 2 kept connections
keepalive() { ./psk_handshake_load 127.0.0.1 "$1" "$2" "$3" 1.2 PSK-AES128-GCM-SHA256 2 "$4" /nef-demo/hello \
  2>>client.log | tee -a client.log | awk '/^requests/{print $2}'; }

start_ccf() { "$root/keygate" capif ccf --config ccf.yaml >> ccf.log 2>&1 & ccf=$!; wait_up http://127.0.0.1:19090/healthz; }
start_ccf
"$root/keygate" capif aef --config aef.yaml > aef.log 2>&1 & aef=$!
wait_up http://127.0.0.1:19091/healthz
keyfile=$work/aefpsk.hex
# onboard: a new invoker at the CCF, its identity and AEFPSK (in $keyfile) for the AEF (the CCF keeps both the
# security context and the AEFPSK in ccf-state: after its restart the same key works).
onboard() { read -r _ identity _ aefaddr < <("$java" -cp "$cp" org.keygate.bench.load.CapifHandshakeLoad \
  127.0.0.1:18443 ccf-state/ca.crt nef-demo psk "$keyfile" 2>/dev/null | grep '^identity'); }
onboard
aefport=${aefaddr##*:}
