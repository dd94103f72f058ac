package org.keygate.sbi.server;

import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * What a server does with a request. Called on a Netty event loop: do no blocking work here, return a stage
 * instead. A thrown exception or a failed stage becomes 500 SYSTEM_FAILURE.
 */
@FunctionalInterface
public interface SbiHandler {
    CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection);
}
