package org.keygate.capif.ccf;

import java.net.URI;
import java.util.Locale;

/** What the CCF's resources share besides the store: its own apiRoot, the AEFPSK keys, the URI rules. */
final class CcfContext {
    /** Callback URIs are short; a longer one is refused (TS 29.122 Uri has no bound, the CCF needs one). */
    static final int MAX_URI_CHARS = 2048;

    private volatile String apiRoot = "https://ccf";
    private final AefPskKeys pskKeys;

    CcfContext(AefPskKeys pskKeys) {
        this.pskKeys = pskKeys;
    }

    void apiRoot(String apiRoot) {
        this.apiRoot = apiRoot;
    }

    String uri(String path) {
        return apiRoot + path;
    }

    AefPskKeys pskKeys() {
        return pskKeys;
    }

    /** A notification destination must be an absolute http(s) URI. */
    void checkNotificationUri(String uri) {
        if (uri.length() > MAX_URI_CHARS) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("notificationDestination is too long");
        }
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                throw CapifCause.MANDATORY_IE_INCORRECT.exception("notificationDestination must be an http(s) URI");
            }
        } catch (java.net.URISyntaxException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("notificationDestination is not a URI");
        }
    }
}
