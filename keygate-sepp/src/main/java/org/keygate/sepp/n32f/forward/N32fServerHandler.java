package org.keygate.sepp.n32f.forward;

import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;

/**
 * The N32-f listener: {@code /n32f-forward/v1/...} is PRINS ({@link N32fProcessHandler}); any other path is an SBI
 * request in TLS mode ({@link TlsModeHandler}). Which one a partner may use is decided by its context.
 */
public final class N32fServerHandler implements SbiHandler {
    private final N32fProcessHandler prins;
    private final TlsModeHandler tls;

    public N32fServerHandler(N32fProcessHandler prins, TlsModeHandler tls) {
        this.prins = prins;
        this.tls = tls;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        return request.path().startsWith(N32fProcessHandler.API_PREFIX + "/")
                ? prins.handle(request, connection) : tls.handle(request, connection);
    }
}
