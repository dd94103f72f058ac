package org.keygate.ims.mrfp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.keygate.tls.bc.BcTlsAlertException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the TLS handler and the media handlers of one stream: on a completed handshake it binds the connection
 * to the stream's participant (MSRP session or BFCP user), so media arrives only from the holder of this stream's PSK;
 * it reports TLS establishment, failure and end to the MRFC's event list; on close it frees the stream.
 */
final class MediaSessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSessionHandler.class);
    private final MediaTermination termination;
    private final MrfpEvents events;
    private boolean established;

    MediaSessionHandler(MediaTermination termination, MrfpEvents events) {
        this.termination = termination;
        this.events = events;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                bind(ctx);
            } else {
                String detail = done.cause() instanceof BcTlsAlertException alert ? "alert " + alert.alertName()
                        : done.cause().getClass().getSimpleName();
                LOG.info("TLS failed on {} termination {}: {}", termination.kind, termination.id, detail);
                event(MrfpEvent.Type.TLS_FAILURE, detail);
            }
        } else if (evt instanceof SslCloseCompletionEvent && established) {
            event(MrfpEvent.Type.TLS_RELEASED, "TLS session ended; TCP connection released");
            established = false;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void bind(ChannelHandlerContext ctx) {
        TerminationConfig config = termination.config().orElseThrow();
        try {
            switch (termination.kind) {
                case MSRP -> termination.conference.chat().bind(ctx.channel(), termination.id);
                case BFCP -> termination.conference.floors().bind(ctx.channel(), config.bfcpUserId().orElseThrow());
            }
        } catch (RuntimeException e) {
            LOG.info("termination {} cannot bind its connection: {}", termination.id, e.getMessage());
            ctx.close();
            return;
        }
        established = true;
        event(MrfpEvent.Type.TLS_ESTABLISHED, "TLS " + termination.kind + " as " + config.tlsRole());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (established) {
            event(MrfpEvent.Type.TLS_RELEASED, "connection closed");
            established = false;
        }
        termination.detach(ctx.channel());
        ctx.fireChannelInactive();
    }

    private void event(MrfpEvent.Type type, String detail) {
        events.add(termination.conference.id(), termination.id, type, detail);
    }
}
