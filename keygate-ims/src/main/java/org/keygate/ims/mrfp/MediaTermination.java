package org.keygate.ims.mrfp;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.keygate.ims.msrp.MsrpUri;

/**
 * One TCP-based media stream at the MRFP (TS 23.333 5.20.2): reserved with its own listening port (so that the PSK
 * configured later is tied to exactly this stream), configured with roles and PSK, then connected. At most one
 * connection at a time; a second is closed on arrival.
 */
final class MediaTermination {
    final String id;
    final MrfpConference conference;
    final MediaKind kind;
    final Optional<MsrpUri> localMsrpPath;
    final Channel listener;
    private TerminationConfig config;
    private Channel connection;
    private boolean released;

    MediaTermination(String id, MrfpConference conference, MediaKind kind, Optional<MsrpUri> localMsrpPath,
            Channel listener) {
        this.id = id;
        this.conference = conference;
        this.kind = kind;
        this.localMsrpPath = localMsrpPath;
        this.listener = listener;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    synchronized Optional<TerminationConfig> config() {
        return Optional.ofNullable(config);
    }

    synchronized void configure(TerminationConfig config) {
        if (released) {
            throw new IllegalStateException("termination " + id + " is released");
        }
        if (this.config != null) {
            throw new IllegalStateException("termination " + id + " is configured already");
        }
        this.config = config;
    }

    /** Claims the stream for a new connection; false if it is taken, released or not configured yet. */
    synchronized boolean attach(Channel channel) {
        if (released || config == null || connection != null) {
            return false;
        }
        connection = channel;
        return true;
    }

    synchronized void detach(Channel channel) {
        if (connection == channel) {
            connection = null;
        }
    }

    synchronized Optional<Channel> connection() {
        return Optional.ofNullable(connection);
    }

    void release() {
        Channel c;
        synchronized (this) {
            released = true;
            c = connection;
        }
        listener.close();
        if (c != null) {
            c.close();
        }
    }
}
