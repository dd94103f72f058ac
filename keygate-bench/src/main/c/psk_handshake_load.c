/*
 * The C reference client of the CAPIF-2e handshake benchmark (issue 20, docs/PERFORMANCE.md): THREADS threads in one
 * process, each doing full TLS-PSK handshakes (no resumption: a new SSL per connection, no session cache, no tickets)
 * one after the other for SECONDS against HOST:PORT, so the server's cost per handshake can be compared between
 * servers with the client the same. keygate-bench/scripts/capif-psk-bench.sh builds it with gcc and libssl-dev
 * (Debian) at bench time; nothing in the build or the tests needs it.
 *
 * Each connection: TCP connect, the handshake (TLS 1.2 with CIPHER, or TLS 1.3 psk_dhe_ke with CIPHER as the TLS 1.3
 * suite), close_notify, then read until the server closes, so the server has surely processed the whole handshake
 * before the next one starts on that thread. Hand-written because no Debian tool does this: openssl s_time has no PSK
 * option and a process per s_client handshake limits the rate to some 10/s.
 *
 * With a ninth argument PATH it measures keep-alive requests instead: each thread opens one connection (one
 * handshake, no ALPN, so HTTP/1.1) and sends "GET PATH HTTP/1.1" on it, one at a time, reading each whole answer
 * (Content-Length) before the next, for SECONDS; a connection the server closes is opened again.
 *
 * usage: psk_handshake_load HOST PORT IDENTITY KEYFILE 1.2|1.3 CIPHER THREADS SECONDS [PATH]
 *   KEYFILE holds the PSK in hex on its first line (a file, not an argument: argv is visible to every user).
 * Prints: "handshakes N failed F seconds S" (or "requests N failed F seconds S") and, on stderr, the first
 * negotiated version and suite (and the first answer's status line and body length).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in server;
static const char *identity;
static unsigned char psk[64];
static size_t psk_len;
static int tls13;
static SSL_CTX *ctx;
static double deadline;
static atomic_long ok, failed;
static atomic_int reported, answered;
static const char *path;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* RFC 4279 for TLS 1.2; OpenSSL also uses this callback for a TLS 1.3 external PSK (with SHA-256 suites). */
static unsigned int psk_cb(SSL *ssl, const char *hint, char *id, unsigned int max_id, unsigned char *key,
                           unsigned int max_key) {
    (void)ssl;
    (void)hint;
    if (strlen(identity) + 1 > max_id || psk_len > max_key) return 0;
    strcpy(id, identity);
    memcpy(key, psk, psk_len);
    return (unsigned int)psk_len;
}

static int one_handshake(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, done = 0;
    struct timeval bound = {5, 0};
    if (fd < 0) return 0;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
    if (connect(fd, (struct sockaddr *)&server, sizeof server) == 0) {
        SSL *ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_connect(ssl) == 1) {
            done = 1;
            if (!atomic_exchange(&reported, 1))
                fprintf(stderr, "negotiated %s %s\n", SSL_get_version(ssl), SSL_get_cipher_name(ssl));
            SSL_shutdown(ssl);
            char buf[4096];
            while (SSL_read(ssl, buf, sizeof buf) > 0) {
                /* the server's first bytes (an HTTP/2 SETTINGS frame from the AEF) until its close */
            }
        } else if (!atomic_exchange(&reported, 1)) {
            ERR_print_errors_fp(stderr);
        }
        SSL_free(ssl);
    }
    close(fd);
    return done;
}

/* Reads one HTTP/1.1 answer; 1 if its status is 200 and the whole body (Content-Length) arrived. */
static int one_answer(SSL *ssl) {
    char buf[16384];
    int have = 0, n;
    char *end = NULL;
    while (end == NULL) {
        if (have == (int)sizeof buf - 1 || (n = SSL_read(ssl, buf + have, (int)sizeof buf - 1 - have)) <= 0) return 0;
        have += n;
        buf[have] = 0;
        end = strstr(buf, "\r\n\r\n");
    }
    long length = -1;
    for (char *h = buf; h < end; h = strstr(h, "\r\n") + 2) {
        if (strncasecmp(h, "content-length:", 15) == 0) length = atol(h + 15);
    }
    long body = have - (end + 4 - buf);
    int status_ok = strncmp(buf, "HTTP/1.1 200", 12) == 0;
    if (length < 0) return 0;
    if (!atomic_exchange(&answered, 1)) fprintf(stderr, "first answer: %.*s, %ld octets of body\n",
                                                 (int)(strstr(buf, "\r\n") - buf), buf, length);
    while (body < length) {
        if ((n = SSL_read(ssl, buf, (int)sizeof buf)) <= 0) return 0;
        body += n;
    }
    return status_ok && body == length; /* one request at a time: nothing follows the body */
}

static void *keepalive(void *unused) {
    (void)unused;
    char request[512];
    int len = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path,
                       inet_ntoa(server.sin_addr));
    while (now() < deadline) {
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        struct timeval bound = {5, 0};
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
        SSL *ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        if (connect(fd, (struct sockaddr *)&server, sizeof server) == 0 && SSL_connect(ssl) == 1) {
            if (!atomic_exchange(&reported, 1))
                fprintf(stderr, "negotiated %s %s\n", SSL_get_version(ssl), SSL_get_cipher_name(ssl));
            while (now() < deadline) {
                if (SSL_write(ssl, request, len) != len || !one_answer(ssl)) {
                    atomic_fetch_add(&failed, 1);
                    break;
                }
                atomic_fetch_add(&ok, 1);
            }
            SSL_shutdown(ssl);
        } else {
            atomic_fetch_add(&failed, 1);
        }
        SSL_free(ssl);
        close(fd);
    }
    return NULL;
}

static void *loop(void *unused) {
    (void)unused;
    while (now() < deadline) {
        if (one_handshake()) atomic_fetch_add(&ok, 1);
        else atomic_fetch_add(&failed, 1);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 9 && argc != 10) {
        fprintf(stderr, "usage: %s HOST PORT IDENTITY KEYFILE 1.2|1.3 CIPHER THREADS SECONDS [PATH]\n", argv[0]);
        return 2;
    }
    server.sin_family = AF_INET;
    server.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "HOST must be an IPv4 address: %s\n", argv[1]);
        return 2;
    }
    identity = argv[3];
    FILE *f = fopen(argv[4], "r");
    char hex[260] = {0};
    if (f == NULL || fgets(hex, sizeof hex, f) == NULL) {
        fprintf(stderr, "cannot read the PSK from %s\n", argv[4]);
        return 2;
    }
    fclose(f);
    for (psk_len = 0; psk_len < sizeof psk && sscanf(hex + 2 * psk_len, "%2hhx", &psk[psk_len]) == 1; psk_len++) {
    }
    OPENSSL_cleanse(hex, sizeof hex);
    if (psk_len < 16) {
        fprintf(stderr, "the PSK in %s must be at least 16 octets of hex\n", argv[4]);
        return 2;
    }
    tls13 = strcmp(argv[5], "1.3") == 0;
    int threads = atoi(argv[7]);
    double seconds = atof(argv[8]);
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    int set = tls13 ? SSL_CTX_set_ciphersuites(ctx, argv[6]) : SSL_CTX_set_cipher_list(ctx, argv[6]);
    if (!set) {
        fprintf(stderr, "OpenSSL does not know the suite %s\n", argv[6]);
        return 2;
    }
    SSL_CTX_set_psk_client_callback(ctx, psk_cb);
    deadline = now() + seconds;
    pthread_t t[64];
    if (threads < 1 || threads > 64) {
        fprintf(stderr, "THREADS must be 1 to 64\n");
        return 2;
    }
    path = argc == 10 ? argv[9] : NULL;
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, path ? keepalive : loop, NULL);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    printf("%s %ld failed %ld seconds %g\n", path ? "requests" : "handshakes", atomic_load(&ok), atomic_load(&failed),
           seconds);
    SSL_CTX_free(ctx);
    OPENSSL_cleanse(psk, sizeof psk);
    return 0;
}
