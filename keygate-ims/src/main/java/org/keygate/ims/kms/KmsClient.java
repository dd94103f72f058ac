package org.keygate.ims.kms;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.PendingTicketRequest;
import org.keygate.ims.mikey.ticket.PendingTicketResolve;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.mikey.ticket.TransferKeys;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * A client of the {@link KmsServer} over one mutually authenticated HTTP/2 connection: Ticket Request for an
 * initiator, Ticket Resolve for a responder. The futures fail with a {@link MikeyException} when the KMS refuses
 * (its Error message's ERR number) or answers something that is not MIKEY, and with the transport's exception when
 * the connection fails. Close it to end the connection and its event loop.
 */
public final class KmsClient implements AutoCloseable {
    private final SbiClient client;
    private final SbiClientConnection connection;
    private final String authority;
    private final Clock clock;
    private final Duration skew;
    private final SecureRandom random;

    private KmsClient(SbiClient client, SbiClientConnection connection, String authority, Clock clock, Duration skew,
            SecureRandom random) {
        this.client = client;
        this.connection = connection;
        this.authority = authority;
        this.clock = clock;
        this.skew = skew;
        this.random = random;
    }

    /**
     * Connects to the KMS at {@code address} whose certificate names {@code kmsHost}; waits at most
     * {@code timeout} for TCP and TLS.
     */
    public static KmsClient connect(InetSocketAddress address, String kmsHost, SSLContext tls, Duration timeout,
            Clock clock, Duration skew, SecureRandom random) throws Exception {
        SbiClient client = SbiClient.builder().tls(tls).connectTimeout(timeout).requestTimeout(timeout)
                .maxResponseBodyBytes(MikeyCodec.MAX_MESSAGE_OCTETS).eventLoopThreads(1).build();
        try {
            SbiClientConnection c = client.connect(address, KmsTls.clientParameters(tls, kmsHost))
                    .get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
            return new KmsClient(client, c, kmsHost + ":" + address.getPort(), Objects.requireNonNull(clock),
                    Objects.requireNonNull(skew), Objects.requireNonNull(random));
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            client.close();
            throw e;
        }
    }

    /** Ticket Request (RFC 6043 4.2.1) for {@code desired}. */
    public CompletableFuture<IssuedTicket> requestTicket(KmsCredentials credentials, TicketTerms desired) {
        PendingTicketRequest pending = PendingTicketRequest.start(credentials, desired, clock, skew, random);
        return post(KmsServer.TICKET_REQUEST_PATH, pending.requestInit()).thenCompose(body -> {
            try {
                return CompletableFuture.completedFuture(pending.complete(body));
            } catch (MikeyException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** Ticket Resolve (RFC 6043 4.2.3) of {@code ticket}. */
    public CompletableFuture<TransferKeys> resolveTicket(KmsCredentials credentials, Ticket ticket) {
        PendingTicketResolve pending = PendingTicketResolve.start(credentials, ticket, clock, skew, random);
        return post(KmsServer.TICKET_RESOLVE_PATH, pending.resolveInit()).thenCompose(body -> {
            try {
                return CompletableFuture.completedFuture(pending.complete(body));
            } catch (MikeyException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private CompletableFuture<byte[]> post(String path, byte[] mikey) {
        SbiRequest request = new SbiRequest("POST", path, SbiHeaders.of("content-type", KmsServer.MEDIA_TYPE),
                mikey);
        return connection.send(request, authority, "https").thenCompose(this::mikeyBody);
    }

    private CompletableFuture<byte[]> mikeyBody(SbiResponse response) {
        String type = response.contentType().map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!type.equals(KmsServer.MEDIA_TYPE)) {
            return CompletableFuture.failedFuture(new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "the KMS answered "
                    + response.status() + " with " + (type.isEmpty() ? "no content type" : type)));
        }
        return CompletableFuture.completedFuture(response.body());
    }

    @Override
    public void close() {
        connection.close();
        client.close();
    }
}
