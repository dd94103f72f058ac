package org.keygate.n32.n32c.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Immutable copies for record components. Absent stays absent (null) rather than becoming empty, because the
 * OpenAPI lists have {@code minItems: 1}: an empty list on the wire would be a schema violation.
 */
final class ModelLists {
    private ModelLists() {}

    static <T> List<T> copy(List<T> list) {
        // List.copyOf refuses null elements; a peer's [null] must reach the checks, not blow up in Jackson.
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
