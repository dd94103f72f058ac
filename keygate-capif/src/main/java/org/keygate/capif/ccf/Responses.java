package org.keygate.capif.ccf;

import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;

/** JSON answers of the CAPIF APIs. */
final class Responses {
    private Responses() {}

    static SbiResponse ok(Object body) {
        return SbiResponse.json(200, SbiJson.write(body));
    }

    /** 201 with the new resource's URI (TS 29.122 5.2.5: Location is the absolute URI). */
    static SbiResponse created(String location, Object body) {
        return new SbiResponse(201, SbiHeaders.of("content-type", "application/json", "location", location),
                SbiJson.write(body));
    }

    static SbiResponse notAllowed() {
        throw CapifCause.METHOD_NOT_ALLOWED.exception("this method is not supported on this resource");
    }

    static SbiResponse unknownPath() {
        throw CapifCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.exception("no such resource");
    }
}
