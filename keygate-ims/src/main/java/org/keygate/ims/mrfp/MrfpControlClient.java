package org.keygate.ims.mrfp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.sbi.json.SbiJson;
import org.keygate.tls.bc.ExternalPsk;

/**
 * The MRFC's side of {@link MrfpControlApi}, on the JDK's HTTP client (HTTP/1.1, blocking: the MRFC calls it from its
 * SIP thread, never from an event loop). A non-2xx answer throws {@link MrfpControlException} with the status and the
 * ProblemDetails text.
 */
public final class MrfpControlClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI base;

    /** @param base e.g. {@code http://127.0.0.1:8090} */
    public MrfpControlClient(URI base) {
        this.base = base;
    }

    public String createConference(long bfcpConferenceId, List<Integer> floorIds) {
        return call("POST", "/mrfp/v1/conferences", new MrfpApi.CreateConference(bfcpConferenceId, floorIds),
                MrfpApi.ConferenceCreated.class).conferenceId();
    }

    /**
     * {@code GET /mrfp/v1/conferences/{id}} within {@code timeout}: returns if the MRFP holds the conference; throws
     * {@link MrfpControlException} with {@link MrfpControlException#status()} 404 if it does not (it restarted), -1 if
     * it could not be reached.
     */
    public void checkConference(String conferenceId, Duration timeout) {
        call("GET", "/mrfp/v1/conferences/" + conferenceId, null, MrfpApi.ConferenceCreated.class, timeout);
    }

    public ReservedTermination reserve(String conferenceId, MediaKind media) {
        return call("POST", "/mrfp/v1/conferences/" + conferenceId + "/terminations", new MrfpApi.ReserveTermination(media),
                ReservedTermination.class);
    }

    /** Sends the PSK (base64 in the body) with the roles; the local copy of the key octets is wiped after. */
    public void configure(String terminationId, ConnectionRole tcpRole, ConnectionRole tlsRole, ExternalPsk psk,
            String remoteHost, Integer remotePort, String remoteMsrpPath, Integer bfcpUserId) {
        byte[] key = psk.key().toByteArray(InsecureSecretAccess.get());
        try {
            call("PUT", "/mrfp/v1/terminations/" + terminationId, new MrfpApi.ConfigureTermination(tcpRole, tlsRole,
                    psk.identity(), Base64.getEncoder().encodeToString(key), remoteHost, remotePort, remoteMsrpPath,
                    bfcpUserId), Void.class);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public void release(String terminationId) {
        call("DELETE", "/mrfp/v1/terminations/" + terminationId, null, Void.class);
    }

    public List<MrfpEvent> events(long after) {
        return Arrays.asList(call("GET", "/mrfp/v1/events?after=" + after, null, MrfpEvent[].class));
    }

    /** The control API's base URI. */
    public URI base() {
        return base;
    }

    private <T> T call(String method, String path, Object body, Class<T> answer) {
        return call(method, path, body, answer, TIMEOUT);
    }

    private <T> T call(String method, String path, Object body, Class<T> answer, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (body != null) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(SbiJson.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MrfpControlException("MRFP control " + method + " " + path + " failed: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MrfpControlException("interrupted", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new MrfpControlException(r.statusCode(), "MRFP control " + method + " " + path + ": " + r.statusCode()
                    + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return answer == Void.class ? null : SbiJson.read(r.body(), answer);
    }

    /** A refused or failed control request. */
    public static final class MrfpControlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;

        MrfpControlException(int status, String message) {
            super(message);
            this.status = status;
        }

        MrfpControlException(String message, Throwable cause) {
            super(message, cause);
            this.status = -1;
        }

        /** The HTTP status the MRFP answered, or -1 when it could not be reached. */
        public int status() {
            return status;
        }
    }
}
