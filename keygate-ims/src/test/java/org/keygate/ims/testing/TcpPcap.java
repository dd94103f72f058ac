package org.keygate.ims.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic libpcap file of one TCP connection between 127.0.0.1:clientPort and 127.0.0.2:serverPort (raw
 * IPv4 link type, no handshake: tshark follows the stream from the first segment), so that tshark's dissectors
 * can read what keygate writes on the wire without capturing (which needs privileges).
 */
public final class TcpPcap {
    private static final int LINKTYPE_RAW = 101;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int clientPort;
    private final int serverPort;
    private long clientSeq = 1000;
    private long serverSeq = 5000;
    private int packets;

    public TcpPcap(int clientPort, int serverPort) {
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_RAW);
        out.writeBytes(header.array());
    }

    public TcpPcap fromClient(byte[] payload) {
        segment(true, payload);
        return this;
    }

    public TcpPcap fromServer(byte[] payload) {
        segment(false, payload);
        return this;
    }

    private void segment(boolean fromClient, byte[] payload) {
        if (payload.length > 65535 - 40) {
            throw new IllegalArgumentException("one segment per payload; this one is too large");
        }
        ByteBuffer ip = ByteBuffer.allocate(40 + payload.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) packets)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
        byte[] client = {127, 0, 0, 1};
        byte[] server = {127, 0, 0, 2};
        ip.put(fromClient ? client : server).put(fromClient ? server : client);
        ip.putShort(10, checksum(ip.array(), 0, 20));
        ip.putShort((short) (fromClient ? clientPort : serverPort)).putShort((short) (fromClient ? serverPort : clientPort));
        ip.putInt((int) (fromClient ? clientSeq : serverSeq)).putInt((int) (fromClient ? serverSeq : clientSeq));
        ip.put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        ip.put(payload);
        // TCP checksum over the pseudo-header, so tshark does not flag the segments
        ByteBuffer pseudo = ByteBuffer.allocate(12 + 20 + payload.length);
        pseudo.put(ip.array(), 12, 8).put((byte) 0).put((byte) 6).putShort((short) (20 + payload.length));
        pseudo.put(ip.array(), 20, 20 + payload.length);
        ip.putShort(36, checksum(pseudo.array(), 0, pseudo.capacity()));
        if (fromClient) {
            clientSeq += payload.length;
        } else {
            serverSeq += payload.length;
        }
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(1_700_000_000 + packets).putInt(0).putInt(ip.capacity()).putInt(ip.capacity());
        out.writeBytes(record.array());
        out.writeBytes(ip.array());
        packets++;
    }

    private static short checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xff;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    public Path write(Path file) throws IOException {
        Files.write(file, out.toByteArray());
        return file;
    }
}
