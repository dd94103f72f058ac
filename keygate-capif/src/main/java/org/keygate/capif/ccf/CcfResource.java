package org.keygate.capif.ccf;

import org.keygate.sbi.http.SbiResponse;

/** One CAPIF API of the CCF, rooted at {@link #apiRoot()}. Runs off the event loop (it may touch the store). */
interface CcfResource {
    /** e.g. {@code /capif-security/v1}. */
    String apiRoot();

    /** The answer, or a {@link CapifException}. */
    SbiResponse handle(CcfCall call);
}
