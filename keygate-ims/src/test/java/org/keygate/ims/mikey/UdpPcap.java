package org.keygate.ims.mikey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a classic pcap file (libpcap format, link type Ethernet) with one IPv4/UDP packet per payload, from
 * 127.0.0.1:2269 to 127.0.0.1:2269 (the MIKEY port, RFC 3830 10 / IANA), so that tshark dissects each payload as
 * MIKEY. The IPv4 header checksum is computed; the UDP checksum is 0 (not used, RFC 768).
 */
public final class UdpPcap {
    static final int MIKEY_PORT = 2269;

    private UdpPcap() {}

    public static void write(Path file, List<byte[]> payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer gh = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        gh.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(gh.array());
        int second = 1_700_000_000;
        for (byte[] p : payloads) {
            byte[] frame = frame(p);
            ByteBuffer ph = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            ph.putInt(second++).putInt(0).putInt(frame.length).putInt(frame.length);
            out.writeBytes(ph.array());
            out.writeBytes(frame);
        }
        Files.write(file, out.toByteArray());
    }

    private static byte[] frame(byte[] payload) {
        int ipLen = 20 + 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        b.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                .put(new byte[] {127, 0, 0, 1});
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((b.get(ip + i) & 0xFF) << 8) | (b.get(ip + i + 1) & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        b.putShort(ip + 10, (short) ~sum);
        b.putShort((short) MIKEY_PORT).putShort((short) MIKEY_PORT).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        return b.array();
    }
}
