package org.keygate.sepp.node;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sepp.n32c.server.N32cServerHandler;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;

/**
 * What the N32-c listener serves: the N32-c handshake, and {@code n32f-process} too (issue 19), because some SEPPs send
 * it to the N32-c address (TS 29.573 6.1.5.2.2: {@code senderN32fFqdn}/{@code senderN32fPortList} are optional, and
 * they ignore them) and operators ask for one address for both. Without an N32-f listener of its own, any other path
 * is a TLS-mode request ({@code n32f}, TS 33.501 13.1.2), as on the N32-f listener; with one, it stays N32-c's 404.
 * The N32-f handlers make the same checks here as there: the connection's certificate names the partner of the
 * context, within its PLMNs.
 */
final class N32cListenerHandler implements SbiHandler {
    private final N32cServerHandler n32c;
    private final N32fProcessHandler prins;
    private final Optional<SbiHandler> tlsMode;

    /** @param tlsMode the TLS-mode handler when this listener is the only N32 one, else empty */
    N32cListenerHandler(N32cServerHandler n32c, N32fProcessHandler prins, Optional<SbiHandler> tlsMode) {
        this.n32c = n32c;
        this.prins = prins;
        this.tlsMode = tlsMode;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        String path = request.path();
        if (path.startsWith(N32fProcessHandler.API_PREFIX + "/")) {
            return prins.handle(request, connection);
        }
        if (tlsMode.isPresent() && !path.startsWith(N32cServerHandler.API_PREFIX + "/")) {
            return tlsMode.get().handle(request, connection);
        }
        return n32c.handle(request, connection);
    }
}
