package org.keygate.ims.mrfc;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.TransferKeys;

/** Resolves tickets through the KMS over HTTP with mutual TLS ({@link KmsClient}), waiting at most {@code timeout}. */
public final class KmsTicketResolver implements TicketResolver {
    private final KmsClient kms;
    private final KmsCredentials credentials;
    private final Duration timeout;

    public KmsTicketResolver(KmsClient kms, KmsCredentials credentials, Duration timeout) {
        this.kms = kms;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    @Override
    public TransferKeys resolve(Ticket ticket) throws MikeyException {
        try {
            return kms.resolveTicket(credentials, ticket).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MikeyException m) {
                throw m;
            }
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KMS resolve failed: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KMS did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "interrupted");
        }
    }
}
