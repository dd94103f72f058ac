package org.keygate.tls.bc;

import javax.net.ssl.SSLException;
import org.bouncycastle.tls.AlertDescription;

/**
 * A TLS connection ended by a fatal alert: one this end sent (bad input, unknown PSK identity, untrusted
 * certificate...) or one the peer sent. The message names the alert as RFC 8446 6 does, e.g.
 * {@code unknown_psk_identity(115)}; never a key.
 */
public final class BcTlsAlertException extends SSLException {
    private final int alertDescription;
    private final boolean sent;

    BcTlsAlertException(short alertDescription, boolean sent, String detail, Throwable cause) {
        super((sent ? "sent" : "received") + " fatal alert " + AlertDescription.getText(alertDescription)
                + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
        this.alertDescription = alertDescription;
        this.sent = sent;
    }

    /** The AlertDescription code (RFC 8446 6, RFC 4279 6 for unknown_psk_identity = 115). */
    public int alertDescription() {
        return alertDescription;
    }

    /** The alert's RFC name, e.g. {@code unknown_psk_identity}. */
    public String alertName() {
        return AlertDescription.getName((short) alertDescription);
    }

    /** True if this end raised the alert, false if the peer sent it. */
    public boolean sent() {
        return sent;
    }
}
