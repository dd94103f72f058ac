package org.keygate.capif.ccf;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to the CAPIF API whose root starts its path, on {@code executor} (resources touch the store,
 * which may block). A refusal becomes its ProblemDetails; anything unexpected a 500 without detail, logged once
 * with the connection ID.
 */
final class CcfRouter implements SbiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CcfRouter.class);
    private final List<CcfResource> resources;
    private final Executor executor;
    private final CcfExchangeObserver observer;

    CcfRouter(List<CcfResource> resources, Executor executor, CcfExchangeObserver observer) {
        this.resources = List.copyOf(resources);
        this.executor = executor;
        this.observer = observer;
    }

    /** Connections whose captured master secret is already set to die with them. */
    private final java.util.Set<String> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        destroyMasterSecretOnClose(connection);
        return CompletableFuture.supplyAsync(() -> {
            SbiResponse response = route(request, connection);
            observer.exchanged(request, response);
            return response;
        }, executor);
    }

    /**
     * The TLS handler gives each CAPIF-1e connection a copy of its master secret that the CCF owns (docs/TLS-BC.md):
     * it lives no longer than the connection. AEFPSK derivation works on a further copy ({@link Capif1eSecrets}).
     */
    private void destroyMasterSecretOnClose(SbiConnection connection) {
        connection.bcTlsSession().flatMap(org.keygate.tls.bc.BcTlsSession::masterSecret).ifPresent(ms -> {
            if (watched.add(connection.id())) {
                connection.closeFuture().whenComplete((v, e) -> {
                    watched.remove(connection.id());
                    if (!ms.isDestroyed()) {
                        ms.destroy();
                    }
                });
            }
        });
    }

    SbiResponse route(SbiRequest request, SbiConnection connection) {
        try {
            String path = request.pathWithoutQuery();
            for (CcfResource r : resources) {
                if (path.equals(r.apiRoot()) || path.startsWith(r.apiRoot() + "/")) {
                    return r.handle(CcfCall.of(request, Caller.of(connection), r.apiRoot()));
                }
            }
            throw CapifCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.exception("no CAPIF API at this path");
        } catch (CapifException e) {
            LOG.debug("{} {} refused on {}: {}", request.method(), request.pathWithoutQuery(), connection.id(),
                    e.problem().cause());
            return SbiResponse.problem(e.problem());
        } catch (RuntimeException e) {
            LOG.warn("{} on {} failed: {}", request, connection.id(), e.getClass().getName());
            return SbiResponse.problem(CapifCause.SYSTEM_FAILURE.problem("internal error"));
        }
    }
}
