package org.keygate.labnf;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Function;
import org.keygate.sbi.server.SbiServer;

/**
 * The lab's home-network NFs on loopback h2c listeners: a UDM ({@link UdmUeauHandler}) and an AUSF
 * ({@link AusfUeAuthenticationHandler}) that asks it for vectors. Used by {@code keygate lab} as the NFs behind the
 * home SEPP and by the load benchmark as the target of h2load. {@link #close()} stops both.
 */
public final class LabHomeNetwork implements AutoCloseable {
    private final SbiServer udm;
    private final SbiServer ausf;
    private final AusfUeAuthenticationHandler ausfHandler;

    private LabHomeNetwork(SbiServer udm, SbiServer ausf, AusfUeAuthenticationHandler ausfHandler) {
        this.udm = udm;
        this.ausf = ausf;
        this.ausfHandler = ausfHandler;
    }

    /**
     * Starts the UDM on {@code udmBind}, then the AUSF on {@code ausfBind}, the AUSF's settings made by
     * {@code ausfSettings} from the UDM's bound address (so port 0 works).
     */
    public static LabHomeNetwork start(UdmSettings udmSettings, InetSocketAddress udmBind, InetSocketAddress ausfBind,
            Function<InetSocketAddress, AusfSettings> ausfSettings) {
        Objects.requireNonNull(ausfSettings, "ausfSettings");
        SbiServer udm = SbiServer.builder().name("lab-udm").cleartext().bind(udmBind)
                .handler(new UdmUeauHandler(udmSettings)).build().start();
        AusfUeAuthenticationHandler handler = null;
        try {
            handler = new AusfUeAuthenticationHandler(ausfSettings.apply(udm.localAddress()));
            SbiServer ausf = SbiServer.builder().name("lab-ausf").cleartext().bind(ausfBind).handler(handler).build()
                    .start();
            return new LabHomeNetwork(udm, ausf, handler);
        } catch (RuntimeException e) {
            if (handler != null) {
                handler.close();
            }
            udm.close();
            throw e;
        }
    }

    public InetSocketAddress udmAddress() {
        return udm.localAddress();
    }

    public InetSocketAddress ausfAddress() {
        return ausf.localAddress();
    }

    @Override
    public void close() {
        ausf.close();
        ausfHandler.close();
        udm.close();
    }
}
