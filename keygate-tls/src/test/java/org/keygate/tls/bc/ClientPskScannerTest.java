package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identity scanner on hand-built records (RFC 4279 2, RFC 8446 4.2.11), split at every point, and on junk. */
class ClientPskScannerTest {
    private static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.writeBytes(fragment);
        return out.toByteArray();
    }

    private static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(body.length >> 16);
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] opaque16(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.length >> 8);
        out.write(b.length);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** A ClientHello whose only extension is pre_shared_key with {@code identities} (binders omitted). */
    private static byte[] clientHello(String... identities) {
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        for (String id : identities) {
            ids.writeBytes(opaque16(id.getBytes(StandardCharsets.UTF_8)));
            ids.writeBytes(new byte[4]); // obfuscated_ticket_age
        }
        ByteArrayOutputStream psk = new ByteArrayOutputStream();
        psk.writeBytes(opaque16(ids.toByteArray()));
        psk.writeBytes(opaque16(new byte[] {32}));
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        ext.write(0);
        ext.write(41);
        ext.writeBytes(opaque16(psk.toByteArray()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(new byte[32]);
        body.write(0);
        body.writeBytes(opaque16(new byte[] {0x13, 0x01}));
        body.writeBytes(new byte[] {1, 0});
        body.writeBytes(opaque16(ext.toByteArray()));
        return handshake(1, body.toByteArray());
    }

    private static List<String> scan(byte[]... chunks) {
        ClientPskScanner s = new ClientPskScanner(() -> true);
        List<String> out = new ArrayList<>();
        for (byte[] c : chunks) {
            s.feed(c).forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void tls13IdentitiesAtEverySplitPoint() {
        byte[] wire = record(22, clientHello("invoker-a", "invoker-b"));
        for (int cut = 0; cut <= wire.length; cut++) {
            assertThat(scan(Arrays.copyOfRange(wire, 0, cut), Arrays.copyOfRange(wire, cut, wire.length)))
                    .as("cut at %d", cut).containsExactly("invoker-a", "invoker-b");
        }
    }

    @Test
    void tls12IdentityInTheClientKeyExchangeAcrossRecords() {
        byte[] cke = handshake(16, opaque16("media-stream-9".getBytes(StandardCharsets.UTF_8)));
        byte[] hello = clientHello();
        // a handshake message split over two records (RFC 5246 6.2.1 allows it)
        byte[] wire = concat(record(22, hello), record(22, Arrays.copyOfRange(cke, 0, 5)),
                record(22, Arrays.copyOfRange(cke, 5, cke.length)), record(20, new byte[] {1}),
                record(22, new byte[] {16, 0, 0, 2, 0, 0})); // encrypted Finished lookalike: not scanned
        for (int cut = 0; cut <= wire.length; cut += 7) {
            assertThat(scan(Arrays.copyOfRange(wire, 0, cut), Arrays.copyOfRange(wire, cut, wire.length)))
                    .as("cut at %d", cut).containsExactly("media-stream-9");
        }
    }

    @Test
    void aNonPskClientKeyExchangeNamesNoIdentity() {
        // a key exchange body that would also parse as opaque16 ("hi")
        byte[] cke = record(22, handshake(16, new byte[] {0, 2, 'h', 'i'}));
        ClientPskScanner s = new ClientPskScanner(() -> false);
        assertThat(s.feed(cke)).isEmpty();
        assertThat(s.done()).isTrue();
        assertThat(new ClientPskScanner(() -> true).feed(cke)).singleElement()
                .satisfies(id -> assertThat(new String(id, StandardCharsets.UTF_8)).isEqualTo("hi"));
    }

    @Test
    void stopsAtEncryptedOrMalformedInput() {
        assertThat(scan(record(23, new byte[10]), record(22, clientHello("late")))).isEmpty();
        byte[] badHello = handshake(1, new byte[] {3, 3, 1});
        ClientPskScanner s = new ClientPskScanner(() -> true);
        assertThat(s.feed(record(22, badHello))).isEmpty();
        assertThat(s.done()).isTrue();
        ClientPskScanner huge = new ClientPskScanner(() -> true);
        assertThat(huge.feed(new byte[] {22, 3, 3, (byte) 0xff, (byte) 0xff})).isEmpty();
        assertThat(huge.done()).isTrue();
        assertThat(scan("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
