#!/usr/bin/env python3
"""The TLS share of a SEPP's CPU in a JFR recording (issue 10, docs/PERFORMANCE.md "TLS provider").

Usage: jfr-tls-share.py RECORDING.jfr [JAVA_PERIOD_MS NATIVE_PERIOD_MS]   (defaults 10 20: JFR's profile settings)

Reads `jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 64`. A Java sample belongs to the
innermost frame that is not a library helper (java.*, jdk.*, sun.nio, io.netty.buffer/util, the JCA providers): TLS
when that frame is the TLS engine (sun.security.ssl, io.netty.handler.ssl, io.netty.internal.tcnative), else the rest
(so the AES-GCM of a PRINS JWE is not TLS, the AES-GCM of a TLS record is). A native sample (a thread inside a JNI or
system call, e.g. BoringSSL through tcnative) counts only when busy: TLS when its top frame is tcnative, the rest when it
is a socket read or write; epoll waits and other blocking calls are idle. Java samples weigh their period, native ones
theirs, so the share is of the busy time the samples stand for.
"""
import collections
import re
import subprocess
import sys

LIB = ('java.', 'jdk.', 'sun.nio.', 'io.netty.buffer.', 'io.netty.util.', 'com.sun.crypto.provider.', 'javax.crypto.',
       'sun.security.util.', 'sun.security.provider.', 'sun.security.ec.', 'sun.security.jca.', 'sun.security.x509.',
       'sun.security.rsa.', 'sun.security.pkcs', 'sun.security.validator.')
TLS = ('sun.security.ssl.', 'io.netty.handler.ssl.', 'io.netty.internal.tcnative.')
SOCKET_IO = re.compile(r'(SocketDispatcher|IOUtil|FileDispatcherImpl)\.(read|write|writev|readv)')


def owner(frames):
    for f in frames:
        if f.startswith(TLS):
            return 'tls'
        if not f.startswith(LIB):
            return 'rest'
    return 'lib'


def main(path, java_ms=10.0, native_ms=20.0):
    out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample,jdk.NativeMethodSample', '--stack-depth',
                          '64', path], capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    for block in re.split(r'\n(?=jdk\.(?:ExecutionSample|NativeMethodSample) \{)', out):
        native = block.startswith('jdk.NativeMethodSample')
        if not native and not block.startswith('jdk.ExecutionSample'):
            continue
        frames = re.findall(r'^\s{4}([\w$.<>]+)\(', block, re.M)
        if not frames:
            continue
        if native:
            top = frames[0]
            counts['native_tls' if top.startswith('io.netty.internal.tcnative.')
                   else 'native_rest' if SOCKET_IO.search(top) else 'native_idle'] += 1
        else:
            counts['java_' + owner(frames)] += 1
    tls = counts['java_tls'] * java_ms + counts['native_tls'] * native_ms
    busy = (counts['java_tls'] + counts['java_rest'] + counts['java_lib']) * java_ms \
        + (counts['native_tls'] + counts['native_rest']) * native_ms
    print(f"{path}: {dict(sorted(counts.items()))}; TLS {100.0 * tls / busy:.1f} % of the busy time")


if __name__ == '__main__':
    main(sys.argv[1], *map(float, sys.argv[2:4]))
