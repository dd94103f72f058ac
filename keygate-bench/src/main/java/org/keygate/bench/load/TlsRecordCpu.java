package org.keygate.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsEngines;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.jsse.TlsProvider;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * The TLS work of one request through a SEPP pair, per provider, as thread CPU time (docs/PERFORMANCE.md "TLS
 * provider"): two SEPPs' N32-f engines (MutualTls.engines, as SeppNode makes them) in Netty's SslHandler on
 * EmbeddedChannels, no socket; per round trip the visited side sends a request record and the home side answers one,
 * so each side encrypts once and decrypts once, as each SEPP of a TLS-mode pair does per request on N32-f.
 * Thread CPU time (not wall time) so that a busy machine's other processes count as little as they can; rounds
 * alternate the providers, the first half of the rounds are warm-up.
 *
 * <p>{@code java -cp keygate-bench/target/keygate-bench-0.1.0-SNAPSHOT.jar:keygate-bench/target/lib/*
 * org.keygate.bench.load.TlsRecordCpu [request octets] [answer octets] [round trips per round] [rounds]}
 */
public final class TlsRecordCpu {
    private TlsRecordCpu() {}

    /**
     * The JDK's engine with the suite two JDK SEPPs agree on (TLS_AES_256_GCM_SHA384, its first choice) and with the one
     * BoringSSL picks (TLS_AES_128_GCM_SHA256), to tell the engine's cost from the cipher's; BoringSSL with its own pick.
     * The suite is set, not left to the engines: later rounds resume the first round's session and its suite.
     */
    private enum Variant {
        JDK(TlsProvider.JDK, "TLS_AES_256_GCM_SHA384"), JDK_AES128(TlsProvider.JDK, "TLS_AES_128_GCM_SHA256"), OPENSSL(TlsProvider.OPENSSL, null);

        final TlsProvider provider;
        final String suite;

        Variant(TlsProvider provider, String suite) {
            this.provider = provider;
            this.suite = suite;
        }
    }

    public static void main(String[] args) throws Exception {
        int requestBytes = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int answerBytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int trips = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        PlmnId homePlmn = PlmnId.parse("001-01");
        PlmnId visitedPlmn = PlmnId.parse("999-99");
        LabCa homeCa = LabCa.create("home", Duration.ofDays(1));
        LabCa visitedCa = LabCa.create("visited", Duration.ofDays(1));
        MutualTls home = tls(homeCa, homePlmn, visitedPlmn, visitedCa);
        MutualTls visited = tls(visitedCa, visitedPlmn, homePlmn, homeCa);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<Variant, List<Double>> perTrip = new EnumMap<>(Variant.class);
        String[] ciphers = new String[Variant.values().length];
        for (int round = 0; round < rounds; round++) {
            for (Variant p : Variant.values()) {
                Pair pair = new Pair(home.engines(p.provider, home.serverParameters()),
                        visited.engines(p.provider, visited.serverParameters()), homePlmn.seppFqdn(),
                        visited.clientParameters(homePlmn.seppFqdn()), p.suite);
                ciphers[p.ordinal()] = pair.cipher();
                long before = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < trips; i++) {
                    pair.roundTrip(requestBytes, answerBytes);
                }
                double ns = (cpu.getCurrentThreadCpuTime() - before) / (double) trips;
                pair.close();
                if (round >= rounds / 2) {
                    perTrip.computeIfAbsent(p, k -> new ArrayList<>()).add(ns / 1000.0);
                }
                System.out.printf("round %2d %-10s %7.2f µs CPU per round trip%n", round, p, ns / 1000.0);
            }
        }
        System.out.printf("%nrequest %d octets, answer %d octets, %d round trips per round, last %d of %d rounds:%n",
                requestBytes, answerBytes, trips, rounds - rounds / 2, rounds);
        for (Variant p : Variant.values()) {
            double[] v = perTrip.get(p).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-10s (%s) median %.2f µs, min %.2f, max %.2f%n", p, ciphers[p.ordinal()],
                    v[v.length / 2], v[0], v[v.length - 1]);
        }
    }

    private static MutualTls tls(LabCa ca, PlmnId own, PlmnId peer, LabCa peerCa) throws Exception {
        LabCa.Issued issued = LabPki.issueMultiPlmn(ca, List.of(own));
        return MutualTls.builder().keyMaterial(new TlsKeyMaterial(issued.keyPair().getPrivate(),
                        List.of(issued.certificate(), ca.certificate())))
                .trustAnchors(PlmnTrustAnchors.builder().add(peer, peerCa.certificate()).build())
                .protocols(List.of("TLSv1.3")).build();
    }

    /** A visited (client) and home (server) channel with the N32-f SslHandlers, handshake done. */
    private static final class Pair {
        private final EmbeddedChannel client;
        private final EmbeddedChannel server;
        private final Sink clientSink = new Sink();
        private final Sink serverSink = new Sink();

        Pair(TlsEngines homeEngines, TlsEngines visitedEngines, String homeFqdn,
                javax.net.ssl.SSLParameters clientParams, String suite) {
            server = new EmbeddedChannel();
            javax.net.ssl.SSLEngine serverEngine = homeEngines.serverEngine(server.alloc(), List.of("h2"));
            javax.net.ssl.SSLEngine clientEngine = visitedEngines.clientEngine(server.alloc(), homeFqdn, 443,
                    clientParams, List.of("h2"));
            if (suite != null) {
                serverEngine.setEnabledCipherSuites(new String[] {suite});
                clientEngine.setEnabledCipherSuites(new String[] {suite});
            }
            server.pipeline().addLast(new SslHandler(serverEngine), serverSink);
            client = new EmbeddedChannel();
            client.pipeline().addLast(new SslHandler(clientEngine), clientSink);
            for (int i = 0; i < 20 && !(clientSink.handshaken && serverSink.handshaken); i++) {
                pump(client, server);
                pump(server, client);
            }
            if (!clientSink.handshaken || !serverSink.handshaken) {
                throw new IllegalStateException("no handshake");
            }
        }

        String cipher() {
            return client.pipeline().get(SslHandler.class).engine().getSession().getProtocol() + " "
                    + client.pipeline().get(SslHandler.class).engine().getSession().getCipherSuite();
        }

        void roundTrip(int requestBytes, int answerBytes) {
            client.writeAndFlush(client.alloc().buffer(requestBytes).writeZero(requestBytes));
            pump(client, server);
            if (serverSink.take() != requestBytes) {
                throw new IllegalStateException("request lost");
            }
            server.writeAndFlush(server.alloc().buffer(answerBytes).writeZero(answerBytes));
            pump(server, client);
            if (clientSink.take() != answerBytes) {
                throw new IllegalStateException("answer lost");
            }
        }

        private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
            for (Object o; (o = from.readOutbound()) != null; ) {
                to.writeInbound(o);
            }
        }

        void close() {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    /** Counts and releases what the SslHandler decrypted. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        boolean handshaken;
        int received;

        int take() {
            int r = received;
            received = 0;
            return r;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (!e.isSuccess()) {
                    throw new IllegalStateException("handshake failed", e.cause());
                }
                handshaken = true;
            }
        }
    }
}
