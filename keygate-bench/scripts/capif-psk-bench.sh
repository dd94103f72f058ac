#!/bin/bash
# Issue 20 item 5: CAPIF-2e TLS-PSK handshakes, keygate's AEF + CCF (daemons started by ./keygate, so with the
# launcher's JVM settings and KEYGATE_JAVA_OPTS) against `openssl s_server -psk -nocert`, in one run, with the same C
# client against both: psk_handshake_load (keygate-bench/src/main/c, built here with gcc and libssl-dev), THREADS
# threads in one process doing full PSK handshakes (no resumption), each followed by close_notify. The same suites on
# both sides: TLS 1.2 plain PSK (PSK-AES128-GCM-SHA256), TLS 1.2 ECDHE-PSK (ECDHE-PSK-CHACHA20-POLY1305: OpenSSL has no
# ECDHE-PSK AES-GCM suite), TLS 1.3 psk_dhe_ke (TLS_AES_128_GCM_SHA256, X25519). s_server runs -rev (no status page)
# and, for TLS 1.3, -num_tickets 0 (the AEF sends no tickets either).
# Then keep-alive requests (the issue's third line): the same client keeps 2 connections (TLS 1.2
# PSK-AES128-GCM-SHA256, no ALPN, so HTTP/1.1) and sends GET /nef-demo/hello on each, one at a time, to the AEF; and
# the same to the C reference: stunnel4 with PSK in front of HAProxy answering with a body of the AEF's length
# (`http-request return`). CPU per request: AEF + CCF against stunnel4 + HAProxy (Debian stunnel4, haproxy).
# Server CPU = utime+stime from /proc/PID/stat over the measured seconds (10 ms ticks); peak RSS = VmHWM. Every
# figure is printed with the load average (the machine is shared). Loopback only.
#
# usage: keygate-bench/scripts/capif-psk-bench.sh [seconds] [threads] [warm-up seconds]   (from the repository's root,
#        after a build)
set -euo pipefail
for tool in gcc openssl stunnel4 haproxy curl; do
  command -v $tool > /dev/null || { echo "$tool is missing (Debian: apt-get install gcc libssl-dev openssl stunnel4 haproxy curl)" >&2; exit 1; }
done
secs=${1:-15}; threads=${2:-4}; warmup=${3:-60}
. "$(dirname "$0")/capif-daemons.sh" # the CCF and AEF as daemons, one onboarded invoker, the C client
echo "invoker $identity, AEF $aefaddr; $threads client threads, ${warmup} s warm-up, ${secs} s measured per row"
suites=("1.2 PSK-AES128-GCM-SHA256" "1.2 ECDHE-PSK-CHACHA20-POLY1305" "1.3 TLS_AES_128_GCM_SHA256")
for s in "${suites[@]}"; do run "$aefport" $s $((warmup / ${#suites[@]} + 1)) > /dev/null; done # JIT warm-up
echo
echo "| TLS | suite | keygate AEF+CCF handshakes/s | CPU per handshake (AEF + CCF) | s_server handshakes/s | s_server CPU per handshake | CPU ratio | rate ratio | load average |"
echo "|---|---|---|---|---|---|---|---|---|"
for s in "${suites[@]}"; do
  read -r tls suite <<< "$s"
  c0=$(cpu $ccf); a0=$(cpu $aef)
  n=$(run "$aefport" "$tls" "$suite" "$secs")
  c1=$(cpu $ccf); a1=$(cpu $aef); l1=$(load)
  # s_server takes a PSK only on its command line: the key of this run's throwaway invoker, on loopback.
  if [ "$tls" = 1.2 ]; then v=(-tls1_2 -cipher "$suite"); else v=(-tls1_3 -ciphersuites "$suite" -num_tickets 0); fi
  openssl s_server -accept 127.0.0.1:19543 -nocert -psk "$(cat "$keyfile")" -psk_identity "$identity" "${v[@]}" \
    -rev -quiet < /dev/null > /dev/null 2>&1 & srv=$!
  sleep 0.5
  s0=$(cpu $srv); m=$(run 19543 "$tls" "$suite" "$secs"); s1=$(cpu $srv); l2=$(load)
  kill $srv; wait $srv 2>/dev/null || true
  awk -v n="$n" -v m="$m" -v a=$((a1 - a0)) -v c=$((c1 - c0)) -v s=$((s1 - s0)) -v hz="$hz" -v secs="$secs" \
      -v tls="$tls" -v suite="$suite" -v l="$l1 / $l2" 'BEGIN {
    n = n > 0 ? n : 1; m = m > 0 ? m : 1
    ka = a * 1e6 / hz / n; kc = c * 1e6 / hz / n; o = s * 1e6 / hz / m
    printf "| %s | %s | %d | %d us (%d + %d) | %d | %d us | %.1fx | %.2fx | %s |\n", tls, suite, n / secs, ka + kc, ka, kc,
      m / secs, o, (ka + kc) / (o > 0 ? o : 1), n / m, l }' | tee -a rows.md
done

keepalive "$aefport" "$identity" "$keyfile" 10 > /dev/null # warm-up
c0=$(cpu $ccf); a0=$(cpu $aef)
n=$(keepalive "$aefport" "$identity" "$keyfile" "$secs")
c1=$(cpu $ccf); a1=$(cpu $aef); l1=$(load)
body=$(grep -o 'first answer: HTTP/1.1 200[^,]*, [0-9]* octets' client.log | head -1 | awk '{print $(NF-1)}')
# The reference's answer: a JSON body of the AEF's length. stunnel's PSK is the octets of a text key (PSKsecrets).
printf -v pad '%*s' $((body > 12 ? body - 12 : 1)) ''
cat > haproxy.cfg <<CFG
global
  nbthread 1
defaults
  mode http
  timeout client 30s
  timeout server 30s
  timeout connect 5s
frontend answer
  bind 127.0.0.1:19743
  http-request return status 200 content-type application/json string "{\\"hello\\":\\"${pad// /x}\\"}"
CFG
stkey=capif-psk-bench-stunnel-key-$RANDOM$RANDOM
( umask 077; echo "inv:$stkey" > stunnel.psk; printf '%s' "$stkey" | od -An -tx1 | tr -d ' \n' > stunnel.hex )
cat > stunnel.conf <<CFG
foreground = yes
pid =
[psk]
accept = 127.0.0.1:19643
connect = 127.0.0.1:19743
ciphers = PSK-AES128-GCM-SHA256
sslVersionMin = TLSv1.2
sslVersionMax = TLSv1.2
PSKsecrets = $work/stunnel.psk
CFG
haproxy -f haproxy.cfg -db > haproxy.log 2>&1 & hap=$!
stunnel4 stunnel.conf > stunnel.log 2>&1 & stn=$!
sleep 1
keepalive 19643 inv stunnel.hex 3 > /dev/null # the reference's first connections
h0=$(cpu $hap); t0=$(cpu $stn)
m=$(keepalive 19643 inv stunnel.hex "$secs")
h1=$(cpu $hap); t1=$(cpu $stn); l2=$(load)
kill $hap $stn; wait $hap $stn 2>/dev/null || true
echo
echo "| keep-alive GET, TLS 1.2 PSK, 2 connections, ${body}-octet answers | requests/s | server CPU per request | load average |"
echo "|---|---|---|---|"
awk -v n="$n" -v m="$m" -v a=$((a1 - a0)) -v c=$((c1 - c0)) -v h=$((h1 - h0)) -v t=$((t1 - t0)) -v hz="$hz" \
    -v secs="$secs" -v l1="$l1" -v l2="$l2" 'BEGIN {
  n = n > 0 ? n : 1; m = m > 0 ? m : 1
  k = (a + c) * 1e6 / hz / n; o = (h + t) * 1e6 / hz / m
  printf "| keygate AEF (+CCF) | %d | %.1f us (%.1f + %.1f) | %s |\n", n / secs, k, a * 1e6 / hz / n, c * 1e6 / hz / n, l1
  printf "| stunnel4 (PSK) + HAProxy | %d | %.1f us (%.1f + %.1f) | %s |\n", m / secs, o, t * 1e6 / hz / m, h * 1e6 / hz / m, l2
  printf "CPU ratio %.1fx, rate ratio %.2fx\n", k / (o > 0 ? o : 1), n / m
  printf "| keep-alive | %.1fx |\n", k / (o > 0 ? o : 1) >> "rows.md" }'
echo
echo "peak RSS: AEF $(awk '/VmHWM/{print $2}' /proc/$aef/status) kB, CCF $(awk '/VmHWM/{print $2}' /proc/$ccf/status) kB;" \
  "client failures: $(awk '/^(handshakes|requests)/{f += $4} END {print f + 0}' client.log)"
kill $aef $ccf; wait $aef $ccf 2>/dev/null || true
# Issue 20's "what must hold", against the rows above: TLS 1.2 at most 4x s_server's CPU per handshake and at least
# 0.3x its rate, TLS 1.3 at most 3x and at least 0.3x, keep-alive requests at most 3x the C reference's CPU.
echo
awk -F'|' '
  $2 ~ /1\.2|1\.3/ { tls = $2 + 0; cpu = $8 + 0; rate = $9 + 0; max = (tls == 1.3 ? 3 : 4)
    ok = cpu <= max && rate >= 0.3; bad += !ok
    gsub(/ /, "", $3)
    printf "issue 20: TLS %s %s: CPU per handshake %.1fx s_server'"'"'s (at most %dx), handshakes/s %.2fx (at least 0.3x): %s\n",
      $2 + 0, $3, cpu, max, rate, ok ? "met" : "missed" }
  $2 ~ /keep-alive/ { cpu = $3 + 0; ok = cpu <= 3; bad += !ok
    printf "issue 20: keep-alive requests: CPU per request %.1fx the C reference'"'"'s (at most 3x): %s\n", cpu, ok ? "met" : "missed" }
  END { exit bad > 0 }' rows.md
