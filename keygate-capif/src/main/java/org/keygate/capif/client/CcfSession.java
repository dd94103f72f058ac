package org.keygate.capif.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.keygate.capif.http.BcHttpClient;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * One TLS connection to the CCF and the JSON calls made on it. Opened with a certificate (mutual TLS) or without
 * (onboarding). {@link #session()} is this connection's TLS session: for an invoker on TLS 1.2, the CAPIF-1e session
 * AEFPSK derives from.
 */
public final class CcfSession implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final BcHttpClient client;
    private final BcHttpClient.Connection connection;

    private CcfSession(BcHttpClient client, BcHttpClient.Connection connection) {
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects to the CCF. {@code identity} null: server authentication only. {@code tls12WithSecrets}: TLS 1.2
     * only, with the master secret kept (CAPIF-1e for PSK, DESIGN.md).
     */
    public static CcfSession open(CcfEndpoint ccf, TlsKeyMaterial identity, boolean tls12WithSecrets)
            throws CapifCallException {
        var b = BcTlsClientConfig.builder().trustAnchors(ccf.anchors()).serverName(ccf.serverName());
        if (identity != null) {
            b.keyMaterial(identity);
        }
        if (tls12WithSecrets) {
            b.versions(org.keygate.tls.bc.TlsVersion.TLS_1_2).captureMasterSecret(true);
        }
        BcHttpClient client = new BcHttpClient(TIMEOUT);
        try {
            return new CcfSession(client, client.connect(ccf.address(), b.build()).get(TIMEOUT.toSeconds() * 3,
                    TimeUnit.SECONDS));
        } catch (Exception e) {
            client.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CapifCallException("TLS connection to the CCF", e);
        }
    }

    public BcTlsSession session() {
        return connection.session();
    }

    /** Sends {@code request} as it is and returns the raw answer. */
    public SbiResponse send(String step, SbiRequest request) throws CapifCallException {
        try {
            return connection.send(request).get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CapifCallException(step, e);
        }
    }

    /** Sends JSON (or nothing) and returns the raw answer. */
    public SbiResponse call(String step, String method, String path, Object body) throws CapifCallException {
        byte[] json = body == null ? new byte[0] : SbiJson.write(body);
        SbiHeaders headers = body == null ? SbiHeaders.empty() : SbiHeaders.of("content-type", "application/json");
        return send(step, new SbiRequest(method, path, headers, json));
    }

    /** Sends and expects {@code status} with a JSON body of {@code type} (null type: no body read). */
    public <T> T expect(String step, String method, String path, Object body, int status, Class<T> type)
            throws CapifCallException {
        SbiResponse r = call(step, method, path, body);
        if (r.status() != status) {
            throw refusal(step, r);
        }
        return type == null ? null : SbiJson.read(r.body(), type);
    }

    /** The refusal an unexpected answer means: status and ProblemDetails cause. */
    public static CapifCallException refusal(String step, SbiResponse r) {
        String cause = null;
        String detail = null;
        if (r.contentType().orElse("").startsWith(SbiResponse.PROBLEM_JSON)) {
            try {
                ProblemDetails p = SbiJson.read(r.body(), ProblemDetails.class);
                cause = p.cause();
                detail = p.detail();
            } catch (RuntimeException e) {
                detail = "unreadable ProblemDetails";
            }
        } else if (r.body().length > 0) {
            detail = new String(r.body(), 0, Math.min(r.body().length, 200), StandardCharsets.UTF_8);
        }
        return new CapifCallException(step, r.status(), cause, detail);
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
