package org.keygate.tls.bc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keygate.crypto.secret.SecretBytes;

/**
 * One connection's answers from the {@link PskLookup}, filled before Bouncy Castle asks (see
 * {@link ClientPskScanner}) so BC's synchronous callbacks never wait. At most {@value #MAX_IDENTITIES} identities are
 * looked up per connection (a TLS 1.3 ClientHello may offer many, RFC 8446 4.2.11).
 */
final class PskKeys {
    static final int MAX_IDENTITIES = 8;

    private final Map<String, Optional<SecretBytes>> answers = new HashMap<>();
    private boolean lookupFailed;

    boolean isKnown(String identity) {
        return answers.containsKey(identity);
    }

    boolean full() {
        return answers.size() >= MAX_IDENTITIES;
    }

    void put(String identity, Optional<SecretBytes> key) {
        answers.put(identity, key);
    }

    /** A lookup's stage failed (its source could not answer), which is not an unknown identity. */
    void failed() {
        lookupFailed = true;
    }

    boolean anyFailed() {
        return lookupFailed;
    }

    /** The key of an identity, if it was looked up and found. */
    Optional<SecretBytes> key(String identity) {
        return answers.getOrDefault(identity, Optional.empty());
    }

    /** RFC 4279 5.1: identities are UTF-8; other octets can name no key. */
    static Optional<String> decode(byte[] identity) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(identity)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
