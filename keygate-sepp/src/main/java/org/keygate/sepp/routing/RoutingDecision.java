package org.keygate.sepp.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.plmn.PlmnId;

/** What the consumer-side SEPP does with an NF's request: forward it to a partner, or refuse it. */
public sealed interface RoutingDecision {

    /**
     * Forward to {@code peer}. {@code request} is the NF's request ready for N32-f: the {@code host} header dropped
     * (the client sets {@code :authority}) and {@code 3gpp-Sbi-Target-apiRoot} set to {@code target} (added when the
     * NF used a telescopic FQDN); its path is the NF's, relative to the target apiRoot.
     *
     * @param apiName the service API, the first path segment (e.g. {@code nudm-ueau}).
     */
    record Forward(PeerSepp peer, PlmnId targetPlmn, ApiRoot target, String apiName, SbiRequest request)
            implements RoutingDecision {
        public Forward {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(targetPlmn, "targetPlmn");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(apiName, "apiName");
            Objects.requireNonNull(request, "request");
        }

        /** TS 33.501 13.1.1.2, TLS on N32-f: {@code :authority} is the receiving SEPP's FQDN, the header is kept. */
        public String tlsAuthority() {
            return peer.fqdn();
        }

        /**
         * TS 33.501 13.1.1.2, PRINS: the request line comes from the target apiRoot (scheme, authority, prefix + path)
         * and {@code 3gpp-Sbi-Target-apiRoot} is removed.
         */
        public SbiRequest prinsRequest() {
            List<Map.Entry<String, String>> kept = new ArrayList<>(request.headers().entries().size());
            for (Map.Entry<String, String> e : request.headers().entries()) { // not a stream: per request (issue 10)
                if (!e.getKey().equals(SbiRouter.TARGET_API_ROOT)) {
                    kept.add(e);
                }
            }
            SbiHeaders h = new SbiHeaders(kept);
            return new SbiRequest(request.method(), target.prefix() + request.path(), h, request.body());
        }
    }

    /** Refuse: answer the NF with {@code problem}; nothing leaves the SEPP. */
    record Refuse(RoutingRefusal reason, ProblemDetails problem) implements RoutingDecision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(problem, "problem");
        }

        public SbiResponse response() {
            return SbiResponse.problem(problem);
        }
    }
}
