package org.keygate.ims.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Writes {@link MsrpMessage}s in the RFC 4975 9 wire form; stateless and sharable. */
@io.netty.channel.ChannelHandler.Sharable
public final class MsrpEncoder extends MessageToByteEncoder<MsrpMessage> {
    public MsrpEncoder() {
        super(MsrpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage msg, ByteBuf out) {
        out.writeBytes(encode(msg));
    }

    /** The wire bytes of one message. */
    public static byte[] encode(MsrpMessage msg) {
        StringBuilder head = new StringBuilder(256);
        head.append("MSRP ").append(msg.transactionId()).append(' ');
        switch (msg) {
            case MsrpRequest r -> head.append(r.method());
            case MsrpResponse r -> head.append(String.format("%03d", r.status())).append(r.comment().map(c -> " " + c).orElse(""));
        }
        head.append("\r\nTo-Path: ").append(paths(msg.toPath())).append("\r\nFrom-Path: ").append(paths(msg.fromPath()))
                .append("\r\n");
        for (MsrpHeader h : msg.headers()) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        String endLine = "-------" + msg.transactionId();
        byte[] body = new byte[0];
        char flag = Continuation.END.flag();
        if (msg instanceof MsrpRequest r) {
            flag = r.continuation().flag();
            if (r.contentType().isPresent()) {
                head.append("Content-Type: ").append(r.contentType().get()).append("\r\n\r\n");
                body = r.body();
                if (contains(body, ("\r\n" + endLine).getBytes(StandardCharsets.US_ASCII))) {
                    // RFC 4975 7.1: the sender must pick a transaction ID that does not occur in the body
                    throw new EncoderException("body contains the end-line of transaction " + msg.transactionId());
                }
            }
        }
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        String tail = (msg instanceof MsrpRequest r && r.contentType().isPresent() ? "\r\n" : "") + endLine + flag + "\r\n";
        byte[] tailBytes = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] wire = new byte[headBytes.length + body.length + tailBytes.length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(body, 0, wire, headBytes.length, body.length);
        System.arraycopy(tailBytes, 0, wire, headBytes.length + body.length, tailBytes.length);
        return wire;
    }

    private static String paths(List<MsrpUri> uris) {
        return uris.stream().map(MsrpUri::toString).collect(Collectors.joining(" "));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
