/*
 * A TLS client on OpenSSL's libssl that prints the RFC 5705 / RFC 8446 7.5 exporter of its connection twice:
 * with no context (what `openssl s_client -keymatexport` prints: use_context = 0) and with an empty context
 * (use_context = 1, context ""), the value TS 33.501 13.2.4.4.1 asks for. Test helper of keygate-tls only.
 *
 * With a ninth argument, a file, it then sends that file's bytes over the connection (e.g. HTTP/1.1 requests, the
 * last with "Connection: close") and prints everything the server answers after a line "RESPONSE:".
 *
 * usage: exporter_client HOST PORT CERT KEY CAFILE tls1.2|tls1.3 LABEL LENGTH [REQUEST_FILE]
 */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <unistd.h>

static void hex(const char *name, const unsigned char *b, size_t n) {
    printf("%s=", name);
    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc < 9 || argc > 11) { fprintf(stderr, "usage: HOST PORT CERT KEY CAFILE tls1.2|tls1.3 LABEL LENGTH [FILE [ALPN]]\n"); return 2; }
    size_t len = (size_t) atoi(argv[8]);
    int version = strcmp(argv[6], "tls1.3") == 0 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, version);
    SSL_CTX_set_max_proto_version(ctx, version);
    if (SSL_CTX_use_certificate_chain_file(ctx, argv[3]) != 1 || SSL_CTX_use_PrivateKey_file(ctx, argv[4], SSL_FILETYPE_PEM) != 1
        || SSL_CTX_load_verify_locations(ctx, argv[5], NULL) != 1) {
        ERR_print_errors_fp(stderr); return 3;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    struct addrinfo hints = {0}, *ai;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(argv[1], argv[2], &hints, &ai) != 0) { fprintf(stderr, "cannot resolve\n"); return 4; }
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) { perror("connect"); return 5; }
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (argc == 11) {
        /* argv[10]: one ALPN protocol (RFC 7301 3.1 wire format: length-prefixed). An HTTP/2 server does not close
           after answering, so the response is read until the server has been quiet for two seconds. */
        unsigned char alpn[256];
        size_t alen = strlen(argv[10]);
        if (alen == 0 || alen > 255) { fprintf(stderr, "bad ALPN\n"); return 10; }
        alpn[0] = (unsigned char) alen;
        memcpy(alpn + 1, argv[10], alen);
        if (SSL_set_alpn_protos(ssl, alpn, (unsigned int) alen + 1) != 0) { ERR_print_errors_fp(stderr); return 10; }
        struct timeval quiet = {2, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &quiet, sizeof quiet);
    }
    if (SSL_connect(ssl) != 1) { ERR_print_errors_fp(stderr); return 6; }
    unsigned char *out = malloc(len);
    const char *label = argv[7];
    if (SSL_export_keying_material(ssl, out, len, label, strlen(label), NULL, 0, 0) != 1) { ERR_print_errors_fp(stderr); return 7; }
    hex("NO_CONTEXT", out, len);
    if (SSL_export_keying_material(ssl, out, len, label, strlen(label), (const unsigned char *) "", 0, 1) != 1) { ERR_print_errors_fp(stderr); return 7; }
    hex("EMPTY_CONTEXT", out, len);
    printf("PROTOCOL=%s\n", SSL_get_version(ssl));
    if (argc >= 10) {
        FILE *f = fopen(argv[9], "rb");
        if (f == NULL) { perror("request file"); return 8; }
        char buf[16384];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
            if (SSL_write(ssl, buf, (int) n) <= 0) { ERR_print_errors_fp(stderr); return 9; }
        }
        fclose(f);
        printf("RESPONSE:\n");
        int r;
        while ((r = SSL_read(ssl, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t) r, stdout);
    }
    fflush(stdout);
    SSL_shutdown(ssl);
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    return 0;
}
