package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.tls.bc.ExternalPsk;

/** Issue 20: every media connection of a conference runs on the conference's event loop (no wake-up per forward). */
class MrfpConferenceLoopTest {
    @Test
    void theConnectionsOfAConferenceShareItsEventLoop() throws Exception {
        try (Mrfp mrfp = new Mrfp(new MrfpMediaSettings("127.0.0.1", 0, 0, 10, 256 * 1024), new SimpleMeterRegistry())) {
            MrfpConference conference = mrfp.createConference(1, Set.of(1));
            ReservedTermination a = mrfp.reserve(conference.id(), MediaKind.MSRP);
            ReservedTermination b = mrfp.reserve(conference.id(), MediaKind.BFCP);
            configure(mrfp, a, Optional.of(MsrpUri.secure("127.0.0.1:9", "alice1")), Optional.empty());
            configure(mrfp, b, Optional.empty(), Optional.of(7));
            try (Socket toA = new Socket(); Socket toB = new Socket()) {
                toA.connect(new InetSocketAddress("127.0.0.1", a.port()), 5000);
                toB.connect(new InetSocketAddress("127.0.0.1", b.port()), 5000);
                Channel atA = accepted(mrfp, a);
                Channel atB = accepted(mrfp, b);
                assertThat(atA.eventLoop()).isSameAs(conference.eventLoop()).isSameAs(atB.eventLoop());
            }
        }
    }

    private static void configure(Mrfp mrfp, ReservedTermination t, Optional<MsrpUri> path, Optional<Integer> user) {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        mrfp.configure(t.terminationId(), new TerminationConfig(ConnectionRole.SERVER, ConnectionRole.SERVER,
                new ExternalPsk("id-" + t.terminationId(), SecretBytes.copyOf(k)), Optional.empty(), path, user));
    }

    /** The MRFP's end of the stream's connection, once accepted (at most 10 s). */
    private static Channel accepted(Mrfp mrfp, ReservedTermination t) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Optional<Channel> c = mrfp.termination(t.terminationId()).connection();
            if (c.isPresent()) {
                return c.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the MRFP did not accept the connection of " + t.terminationId());
    }
}
