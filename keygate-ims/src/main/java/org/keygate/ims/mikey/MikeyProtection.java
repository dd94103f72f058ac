package org.keygate.ims.mikey;

import org.keygate.crypto.secret.SecretBytes;

/**
 * The V payload's MAC (RFC 3830 5.2, RFC 6043 5.5 and Table 5.2): computed over {@link MikeyCodec#macCoverage}
 * followed by the trailer the table names for the message type (Identity_i || Identity_r for TRANSFER_INIT,
 * the whole initial message for a response, ...). The caller passes the trailer; the exchanges in
 * {@code org.keygate.ims.mikey.ticket} know which one each message takes.
 */
public final class MikeyProtection {
    private MikeyProtection() {}

    /** {@code message} (ending with a V payload naming the algorithm) with its MAC filled in. */
    public static MikeyMessage seal(MikeyMessage message, SecretBytes authKey, byte[]... trailer) {
        Verification v = message.verification()
                .orElseThrow(() -> new IllegalArgumentException("the message does not end with a V payload"));
        byte[] mac = v.authAlg().mac(authKey, concat(MikeyCodec.macCoverage(message), trailer));
        return message.withVerification(new Verification(v.authAlg(), Octets.wrap(mac)));
    }

    /** Checks the V payload's MAC; Auth failure (RFC 3830 6.12) when it is missing, NULL or wrong. */
    public static void verify(MikeyMessage message, SecretBytes authKey, byte[]... trailer) throws MikeyException {
        Verification v = message.verification()
                .orElseThrow(() -> new MikeyException(ErrorNo.AUTH_FAILURE, "no V payload at the end of "
                        + message.dataType()));
        if (!v.authAlg().verify(authKey, v.mac().unsafeArray(), concat(MikeyCodec.macCoverage(message), trailer))) {
            throw new MikeyException(ErrorNo.AUTH_FAILURE, "V payload MAC of " + message.dataType()
                    + " does not verify");
        }
    }

    private static byte[] concat(byte[] first, byte[]... rest) {
        int n = first.length;
        for (byte[] b : rest) {
            n += b.length;
        }
        byte[] out = java.util.Arrays.copyOf(first, n);
        int at = first.length;
        for (byte[] b : rest) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }
}
