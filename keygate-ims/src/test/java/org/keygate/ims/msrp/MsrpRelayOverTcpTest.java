package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay on a real loopback listener (TCP only: TLS-PSK is the MRFP's, tested there). */
class MsrpRelayOverTcpTest {
    private EventLoopGroup group;
    private Channel listener;
    private ChatRelay<Channel> relay;
    private MsrpUri relayA;
    private MsrpUri relayB;
    private final MsrpUri alice = MsrpUri.secure("127.0.0.1:40001", "alice1");
    private final MsrpUri bob = MsrpUri.secure("127.0.0.1:40002", "bob1");

    @BeforeEach
    void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        relay = new ChatRelay<>(List.of(), ChatRelayLimits.DEFAULT, new MsrpIdents());
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        MsrpPipeline.addRelay(ch.pipeline(), relay, MsrpLimits.DEFAULT);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        String hostPort = "127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
        relayA = MsrpUri.secure(hostPort, "relayA");
        relayB = MsrpUri.secure(hostPort, "relayB");
        relay.add(new ChatParticipant("alice", relayA, alice));
        relay.add(new ChatParticipant("bob", relayB, bob));
    }

    @AfterEach
    void stop() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(listener.localAddress(), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static MsrpRequest bindingSend(MsrpUri to, MsrpUri from) {
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(to), List.of(from),
                List.of(new MsrpHeader("Message-ID", new MsrpIdents().next()), new MsrpHeader("Byte-Range", "1-0/0")),
                Optional.empty(), new byte[0], Continuation.END);
    }

    @Test
    void aChunkedMessageTravelsFromAliceToBobWithResponsesAndAReport() throws Exception {
        try (Socket a = connect(); Socket b = connect()) {
            MsrpTestPeer alicePeer = new MsrpTestPeer(a.getInputStream(), a.getOutputStream());
            MsrpTestPeer bobPeer = new MsrpTestPeer(b.getInputStream(), b.getOutputStream());
            alicePeer.send(bindingSend(relayA, alice));
            assertThat(((MsrpResponse) alicePeer.next()).status()).isEqualTo(200);
            bobPeer.send(bindingSend(relayB, bob));
            assertThat(((MsrpResponse) bobPeer.next()).status()).isEqualTo(200);

            byte[] text = ("Hello Bob " + "0123456789".repeat(400)).getBytes(StandardCharsets.UTF_8);
            List<MsrpRequest> chunks = new MsrpChunker(new MsrpIdents(), MsrpChunker.DEFAULT_CHUNK_BYTES)
                    .chunks(relayA, alice, "chat0001", "text/plain", text, List.of(new MsrpHeader("Success-Report", "yes")));
            for (MsrpRequest c : chunks) {
                alicePeer.send(c);
            }
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < chunks.size(); i++) {
                MsrpRequest chunk = (MsrpRequest) bobPeer.next();
                assertThat(chunk.toPath()).containsExactly(bob);
                assertThat(chunk.header("Message-ID")).contains("chat0001");
                received.writeBytes(chunk.body());
                bobPeer.send(MsrpResponse.to(chunk, MsrpStatus.OK));
            }
            assertThat(received.toByteArray()).isEqualTo(text);
            for (int i = 0; i < chunks.size(); i++) {
                MsrpResponse ok = (MsrpResponse) alicePeer.next();
                assertThat(ok.transactionId()).isEqualTo(chunks.get(i).transactionId());
            }
            MsrpRequest report = (MsrpRequest) alicePeer.next();
            assertThat(report.method()).isEqualTo("REPORT");
            assertThat(report.header("Byte-Range")).contains("1-" + text.length + "/" + text.length);
        }
    }

    @Test
    void garbageGetsA400AndTheConnectionClosesWhileOthersKeepWorking() throws Exception {
        try (Socket bad = connect(); Socket a = connect()) {
            bad.getOutputStream().write(("MSRP abcd1234 SEND\r\nTo-Path: " + relayA + "\r\nFrom-Path: " + alice
                    + "\r\nByte-Range: x\r\n").getBytes(StandardCharsets.US_ASCII));
            MsrpTestPeer badPeer = new MsrpTestPeer(bad.getInputStream(), bad.getOutputStream());
            MsrpResponse refusal = (MsrpResponse) badPeer.next();
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.transactionId()).isEqualTo("abcd1234");
            assertThat(badPeer.closedByPeer()).isTrue();
            MsrpTestPeer alicePeer = new MsrpTestPeer(a.getInputStream(), a.getOutputStream());
            alicePeer.send(bindingSend(relayA, alice));
            assertThat(((MsrpResponse) alicePeer.next()).status()).isEqualTo(200);
        }
    }
}
