package org.keygate.ims.mrfc;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.TransferKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KmsTicketResolver} for a daemon: connects to the KMS on first use, and after a failure that is not a MIKEY
 * answer (the KMS restarted, the connection broke) connects again once for the same ticket. The MRFC can so start
 * before the KMS and outlive KMS restarts.
 */
public final class ReconnectingKmsResolver implements TicketResolver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingKmsResolver.class);
    private final InetSocketAddress address;
    private final String kmsHost;
    private final SSLContext tls;
    private KmsCredentials credentials;
    private final Duration timeout;
    private final Duration skew;
    private final SecureRandom random = new SecureRandom();
    private KmsClient client;

    public ReconnectingKmsResolver(InetSocketAddress address, String kmsHost, SSLContext tls, KmsCredentials credentials,
            Duration timeout, Duration skew) {
        this.address = address;
        this.kmsHost = kmsHost;
        this.tls = tls;
        this.credentials = credentials;
        this.timeout = timeout;
        this.skew = skew;
    }

    @Override
    public synchronized TransferKeys resolve(Ticket ticket) throws MikeyException {
        try {
            return new KmsTicketResolver(client(), credentials, timeout).resolve(ticket);
        } catch (MikeyException e) {
            if (e.errorNo() != ErrorNo.UNSPECIFIED_ERROR || client == null) {
                throw e;
            }
            LOG.info("KMS at {} failed ({}); connecting again", address, e.getMessage());
            drop();
            return new KmsTicketResolver(client(), credentials, timeout).resolve(ticket);
        }
    }

    private KmsClient client() throws MikeyException {
        if (client == null) {
            try {
                client = KmsClient.connect(address, kmsHost, tls, timeout, Clock.systemUTC(), skew, random);
            } catch (Exception e) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KMS at " + address + " unreachable: "
                        + e.getClass().getSimpleName());
            }
        }
        return client;
    }

    private void drop() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /**
     * A reload (issue 18): the MRFC's KMS key from the next ticket on, over a new connection (built with the TLS
     * context as it is then, whose key and anchors a reload may have replaced). Waits for a resolve in progress.
     */
    public synchronized void reload(KmsCredentials next) {
        this.credentials = next;
        drop();
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
