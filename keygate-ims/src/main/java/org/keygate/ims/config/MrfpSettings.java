package org.keygate.ims.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.keygate.ims.mrfp.MrfpMediaSettings;

/**
 * {@code keygate ims mrfp --config mrfp.yaml}, validated. YAML (docs/IMS.md, "mrfp.yaml"):
 *
 * <pre>
 * control: 127.0.0.1:8401       # the control API (JSON over HTTP, carries PSKs: a trusted interface only)
 * admin: 127.0.0.1:9403         # /healthz and /metrics, optional
 * media:
 *   host: 192.0.2.10            # media listeners bind here and SDP announces it
 *   minPort: 40000              # both 0: any ephemeral port
 *   maxPort: 40999
 *   maxTerminations: 1000       # optional
 *   maxQueuedBytesPerStream: 262144  # optional: queued bytes per stream before its senders are slowed
 * shutdown: {drainTimeout: PT20S}    # optional: established media streams run on for at most this at a stop
 * </pre>
 */
public record MrfpSettings(InetSocketAddress control, Optional<InetSocketAddress> admin, MrfpMediaSettings media,
        java.time.Duration drainTimeout) {

    record Raw(String control, String admin, RawMedia media, ImsYaml.RawShutdown shutdown) {}

    record RawMedia(String host, Integer minPort, Integer maxPort, Integer maxTerminations,
            Integer maxQueuedBytesPerStream) {}

    public static MrfpSettings load(Path file) {
        Raw raw = ImsYaml.read(file, Raw.class);
        ImsYaml y = ImsYaml.of(file);
        InetSocketAddress control = y.hostPort("control", raw.control());
        Optional<InetSocketAddress> admin = Optional.ofNullable(raw.admin()).map(a -> y.hostPort("admin", a));
        y.required("media", raw.media(), "host, minPort, maxPort");
        String host = y.required("media.host", raw.media().host(), "the media IP address");
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+") || !(new InetSocketAddress(host, 0).getAddress() != null)) {
            throw y.error("media.host", host, "an IP address (SDP c= line)");
        }
        int min = y.range("media.minPort", y.required("media.minPort", raw.media().minPort(), "a port"), 0, 0, 65535);
        int max = y.range("media.maxPort", y.required("media.maxPort", raw.media().maxPort(), "a port"), 0, 0, 65535);
        if ((min == 0) != (max == 0) || min > max) {
            throw y.error("media.maxPort", max, "at least media.minPort (" + min + "), or both 0");
        }
        int limit = y.range("media.maxTerminations", raw.media().maxTerminations(),
                MrfpMediaSettings.DEFAULT_MAX_TERMINATIONS, 1, 1_000_000);
        int queued = y.range("media.maxQueuedBytesPerStream", raw.media().maxQueuedBytesPerStream(),
                org.keygate.ims.msrp.MsrpPipeline.DEFAULT_MAX_QUEUED_BYTES, MrfpMediaSettings.MIN_QUEUED_BYTES,
                MrfpMediaSettings.MAX_QUEUED_BYTES);
        return new MrfpSettings(control, admin, new MrfpMediaSettings(host, min, max, limit, queued),
                y.drainTimeout(raw.shutdown()));
    }
}
