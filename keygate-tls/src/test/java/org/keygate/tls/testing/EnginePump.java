package org.keygate.tls.testing;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Two SSLEngines pumped into each other in memory, so that a refused peer always reads the fatal alert (over sockets it
 * may instead meet a reset while it is still writing its own flight).
 */
public final class EnginePump {
    private static final int MAX_ROUNDS = 100;

    private EnginePump() {}

    /** Runs both engines until each has failed or MAX_ROUNDS passed; returns {client error, server error}. */
    public static SSLException[] pump(SSLEngine client, SSLEngine server) {
        SSLEngine[] engines = {client, server};
        int size = client.getSession().getPacketBufferSize() * 4;
        ByteBuffer[] net = {ByteBuffer.allocate(size), ByteBuffer.allocate(size)};
        ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 4);
        SSLException[] errors = new SSLException[2];
        for (int round = 0; round < MAX_ROUNDS && (errors[0] == null || errors[1] == null); round++) {
            for (int k = 0; k < 2; k++) {
                SSLEngine e = engines[k];
                try {
                    e.wrap(ByteBuffer.allocate(0), net[k]);
                    runTasks(e);
                } catch (SSLException ex) {
                    record(errors, k, ex);
                }
                ByteBuffer in = net[1 - k];
                in.flip();
                try {
                    while (in.hasRemaining() && !e.isInboundDone()) {
                        int before = in.remaining();
                        e.unwrap(in, app);
                        runTasks(e);
                        app.clear();
                        if (in.remaining() == before) {
                            break;
                        }
                    }
                } catch (SSLException ex) {
                    record(errors, k, ex);
                } finally {
                    in.compact();
                }
            }
        }
        return errors;
    }

    private static void record(SSLException[] errors, int k, SSLException ex) {
        if (errors[k] == null) {
            errors[k] = ex;
        }
    }

    private static void runTasks(SSLEngine e) {
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            Runnable task = e.getDelegatedTask();
            if (task == null) {
                return;
            }
            task.run();
        }
    }
}
