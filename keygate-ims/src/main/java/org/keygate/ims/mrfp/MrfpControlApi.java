package org.keygate.ims.mrfp;

import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.tls.bc.ExternalPsk;

/**
 * The MRFP control API on an {@link org.keygate.sbi.server.SbiServer} (JSON over HTTP, DESIGN.md IMS decisions):
 *
 * <pre>
 * POST   /mrfp/v1/conferences                          CreateConference     201 ConferenceCreated
 * GET    /mrfp/v1/conferences/{conferenceId}           -                    200 ConferenceCreated
 * POST   /mrfp/v1/conferences/{conferenceId}/terminations  ReserveTermination 201 ReservedTermination
 * PUT    /mrfp/v1/terminations/{terminationId}          ConfigureTermination 204
 * DELETE /mrfp/v1/terminations/{terminationId}          -                    204
 * GET    /mrfp/v1/events?after={sequence}               -                    200 [MrfpEvent...]
 * </pre>
 *
 * Errors are ProblemDetails with TS 29.500 causes: 400 INVALID_MSG_FORMAT or MANDATORY_IE_INCORRECT, 404
 * CONTEXT_NOT_FOUND for unknown IDs, 404 RESOURCE_URI_STRUCTURE_NOT_FOUND for unknown paths, 409 for a second
 * configuration. The PSK is accepted from the body only; it is never echoed or logged.
 */
public final class MrfpControlApi implements SbiHandler {
    private static final Pattern CONFERENCES = Pattern.compile("/mrfp/v1/conferences");
    private static final Pattern CONFERENCE = Pattern.compile("/mrfp/v1/conferences/([0-9a-f]{16})");
    private static final Pattern TERMINATIONS = Pattern.compile("/mrfp/v1/conferences/([0-9a-f]{16})/terminations");
    private static final Pattern TERMINATION = Pattern.compile("/mrfp/v1/terminations/([0-9a-f]{16})");
    private static final Pattern EVENTS = Pattern.compile("/mrfp/v1/events");
    /** RFC 4279 5.3 allows 64 KiB identities; RFC 4279 5.4 asks for at least 128 octets and 64-octet keys. */
    static final int MAX_PSK_OCTETS = 64;

    private final Mrfp mrfp;
    /** Reserving binds a listener and waits for it: off the SBI event loop, one request at a time. */
    private final Executor work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mrfp-control");
        t.setDaemon(true);
        return t;
    });

    public MrfpControlApi(Mrfp mrfp) {
        this.mrfp = mrfp;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        return CompletableFuture.supplyAsync(() -> answer(request), work);
    }

    private SbiResponse answer(SbiRequest request) {
        try {
            return route(request);
        } catch (SbiJsonException e) {
            return SbiResponse.problem(SbiCause.INVALID_MSG_FORMAT.problem(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return SbiResponse.problem(SbiCause.MANDATORY_IE_INCORRECT.problem(e.getMessage()));
        } catch (Mrfp.CapacityException e) {
            // TS 29.500 5.2.7.2: 503 NF_CONGESTION, the MRFP's stream or port limit
            return SbiResponse.problem(SbiCause.NF_CONGESTION.problem(e.getMessage()));
        } catch (java.util.NoSuchElementException e) {
            return SbiResponse.problem(ProblemDetails.of(404, "Not Found", "CONTEXT_NOT_FOUND", e.getMessage()));
        } catch (IllegalStateException e) {
            return SbiResponse.problem(ProblemDetails.of(409, "Conflict", null, e.getMessage()));
        }
    }

    private SbiResponse route(SbiRequest request) {
        String path = request.pathWithoutQuery();
        Matcher m;
        if (CONFERENCES.matcher(path).matches() && request.method().equals("POST")) {
            MrfpApi.CreateConference body = SbiJson.read(request.body(), MrfpApi.CreateConference.class);
            if (body.floorIds() == null || body.floorIds().isEmpty()) {
                throw new IllegalArgumentException("floorIds: at least one floor");
            }
            MrfpConference c = mrfp.createConference(body.bfcpConferenceId(), new HashSet<>(body.floorIds()));
            return SbiResponse.json(201, SbiJson.write(new MrfpApi.ConferenceCreated(c.id())));
        }
        if ((m = CONFERENCE.matcher(path)).matches() && request.method().equals("GET")) {
            // the MRFC's liveness poll: 404 after an MRFP restart (conferences live in memory only)
            String id = m.group(1);
            mrfp.conference(id).orElseThrow(() -> new java.util.NoSuchElementException("conference " + id));
            return SbiResponse.json(200, SbiJson.write(new MrfpApi.ConferenceCreated(id)));
        }
        if ((m = TERMINATIONS.matcher(path)).matches() && request.method().equals("POST")) {
            MrfpApi.ReserveTermination body = SbiJson.read(request.body(), MrfpApi.ReserveTermination.class);
            if (body.media() == null) {
                throw new IllegalArgumentException("media: MSRP or BFCP");
            }
            return SbiResponse.json(201, SbiJson.write(mrfp.reserve(m.group(1), body.media())));
        }
        if ((m = TERMINATION.matcher(path)).matches() && request.method().equals("PUT")) {
            mrfp.configure(m.group(1), config(SbiJson.read(request.body(), MrfpApi.ConfigureTermination.class)));
            return SbiResponse.noContent();
        }
        if ((m = TERMINATION.matcher(path)).matches() && request.method().equals("DELETE")) {
            mrfp.release(m.group(1));
            return SbiResponse.noContent();
        }
        if (EVENTS.matcher(path).matches() && request.method().equals("GET")) {
            return SbiResponse.json(200, SbiJson.write(mrfp.events().after(after(request.path()))));
        }
        return SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such resource or method"));
    }

    private static long after(String path) {
        int q = path.indexOf("?after=");
        if (q < 0) {
            return 0;
        }
        String value = path.substring(q + 7);
        if (!value.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("after: a sequence number");
        }
        return Long.parseLong(value);
    }

    private static TerminationConfig config(MrfpApi.ConfigureTermination c) {
        if (c.tcpRole() == null || c.tlsRole() == null || c.pskIdentity() == null || c.psk() == null) {
            throw new IllegalArgumentException("tcpRole, tlsRole, pskIdentity and psk are mandatory");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(c.psk());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("psk: not base64");
        }
        if (key.length == 0 || key.length > MAX_PSK_OCTETS) {
            java.util.Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("psk: 1 to " + MAX_PSK_OCTETS + " octets");
        }
        SecretBytes psk = SecretBytes.copyOf(key);
        java.util.Arrays.fill(key, (byte) 0);
        Optional<InetSocketAddress> remote = c.remoteHost() != null && c.remotePort() != null
                ? Optional.of(new InetSocketAddress(c.remoteHost(), c.remotePort())) : Optional.empty();
        return new TerminationConfig(c.tcpRole(), c.tlsRole(), new ExternalPsk(c.pskIdentity(), psk), remote,
                Optional.ofNullable(c.remoteMsrpPath()).map(MsrpUri::parse), Optional.ofNullable(c.bfcpUserId()));
    }
}
