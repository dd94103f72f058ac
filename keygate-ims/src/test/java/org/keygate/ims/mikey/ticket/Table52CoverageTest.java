package org.keygate.ims.mikey.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.mikey.MikeyPrf;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.RandRole;

/**
 * RFC 6043 Table 5.2 and 5.1.2 checked from the octets on the wire, without the exchange code: each V payload's
 * MAC is recomputed with the JDK's HMAC-SHA-256 over the message minus its MAC field followed by the trailer the
 * table names, under an auth_key = PRF(inkey, 0x2D22AC75 || 0xFF || CSB ID || 0x01/0x02 || len RANDRi || RANDRi ||
 * len RANDRr || RANDRr) whose label is assembled here by hand.
 */
class Table52CoverageTest {
    private static final int MAC = 32;
    private final TicketLab lab = new TicketLab();

    @Test
    void everyMessageIsMacedWithTheKeyAndCoverageOfTable52() throws Exception {
        PendingTicketRequest request = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        byte[] requestInit = request.requestInit();
        KmsAnswer granted = lab.kms.ticketRequest(requestInit, Set.of("mrfc.ims.example.org"));
        byte[] requestResp = granted.mikey();
        IssuedTicket issued = request.complete(requestResp);
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        byte[] transferInit = pending.transferInit();
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(transferInit);
        PendingTicketResolve resolve = PendingTicketResolve.start(lab.alice, received.ticket(), lab.clock,
                TicketLab.SKEW, lab.random);
        byte[] resolveInit = resolve.resolveInit();
        byte[] resolveResp = lab.kms.ticketResolve(resolveInit, Set.of("alice.ims.example.org")).mikey();
        byte[] transferResp = received.respond(resolve.complete(resolveResp)).transferResp();

        byte[] ri = rand(requestInit, RandRole.RANDRI);
        // REQUEST_INIT || Identity_i || Identity_kms, PSK of the initiator, 0x01, RANDRi
        assertMac(requestInit, lab.mrfc.psk(), 0x01, ri, null, cat(utf8(TicketLab.MRFC), utf8(TicketLab.KMS)));
        // REQUEST_RESP || REQUEST_INIT, same PSK, 0x02, RANDRi
        assertMac(requestResp, lab.mrfc.psk(), 0x02, ri, null, requestInit);
        byte[] rr = rand(resolveInit, RandRole.RANDRR);
        // RESOLVE_INIT || Identity_r || Identity_kms, PSK of the responder, 0x01, RANDRr only
        assertMac(resolveInit, lab.alice.psk(), 0x01, null, rr, cat(utf8(TicketLab.ALICE), utf8(TicketLab.KMS)));
        assertMac(resolveResp, lab.alice.psk(), 0x02, null, rr, resolveInit);
        byte[] tri = rand(transferInit, RandRole.RANDRI);
        byte[] trr = rand(transferResp, RandRole.RANDRR);
        // TRANSFER_INIT || Identity_i || Identity_r under MPKi (the Initiator Data fields are empty and 2 octets
        // of length: RFC 6043 5.5 leaves them out of the MAC)
        byte[] initWithoutInitiatorData = withoutEmptyInitiatorData(transferInit);
        assertMac(initWithoutInitiatorData, issued.keys().mpki(), 0x01, tri, null,
                cat(utf8(TicketLab.MRFC), utf8(TicketLab.ALICE)));
        // TRANSFER_RESP || TRANSFER_INIT (whole) under MPKi, RANDRi and RANDRr (G flag)
        assertMac(transferResp, issued.keys().mpki(), 0x02, tri, trr, transferInit);
    }

    private static void assertMac(byte[] message, SecretBytes inkey, int direction, byte[] randRi, byte[] randRr,
            byte[] trailer) throws Exception {
        long csbId = ((message[4] & 0xFFL) << 24) | ((message[5] & 0xFF) << 16) | ((message[6] & 0xFF) << 8)
                | (message[7] & 0xFF);
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        label.writeBytes(new byte[] {0x2D, 0x22, (byte) 0xAC, 0x75, (byte) 0xFF});
        label.writeBytes(new byte[] {(byte) (csbId >>> 24), (byte) (csbId >>> 16), (byte) (csbId >>> 8),
                (byte) csbId, (byte) direction});
        for (byte[] r : new byte[][] {randRi, randRr}) {
            label.write(r == null ? 0 : r.length);
            if (r != null) {
                label.writeBytes(r);
            }
        }
        byte[] authKey = MikeyPrf.PRF_HMAC_SHA_256.derive(inkey, label.toByteArray(), 32)
                .toByteArray(InsecureSecretAccess.get());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(authKey, "HmacSHA256"));
        mac.update(message, 0, message.length - MAC);
        mac.update(trailer);
        assertThat(mac.doFinal()).isEqualTo(Arrays.copyOfRange(message, message.length - MAC, message.length));
    }

    /**
     * The TRANSFER_INIT without its TICKET's Initiator Data length (0x0000, no data): the two octets before the V
     * payload, whose header is Next Payload 0, Auth alg 2, then the MAC.
     */
    private static byte[] withoutEmptyInitiatorData(byte[] init) {
        int v = init.length - MAC - 2;
        assertThat(init[v]).isEqualTo((byte) 0);
        assertThat(init[v + 1]).isEqualTo((byte) 2);
        assertThat(init[v - 2]).isZero();
        assertThat(init[v - 1]).isZero();
        byte[] out = new byte[init.length - 2];
        System.arraycopy(init, 0, out, 0, v - 2);
        System.arraycopy(init, v, out, v - 2, init.length - v);
        return out;
    }

    private static byte[] rand(byte[] wire, RandRole role) throws Exception {
        MikeyMessage m = MikeyCodec.decode(wire);
        return m.randr(role).orElseThrow().rand().toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
