package org.keygate.n32.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.ProtectionPolicy;

/**
 * The protection policy a SEPP sends when its configuration names none: the data types TS 33.501 5.9.3.3 always
 * encrypts plus SUPI (UEID, "should" in 5.9.3.3 and keygate's default, DESIGN.md), and where those IEs sit in the
 * roaming APIs: {@code default-api-ie-mappings.json}, generated from the 3GPP Rel-18 OpenAPI files by
 * {@code ApiIeMappingGenerator} (in the tests, which check the shipped file against it).
 */
public final class DefaultProtectionPolicy {
    private static final String RESOURCE = "default-api-ie-mappings.json";
    private static final List<ApiIeMapping> MAPPINGS = load();

    private DefaultProtectionPolicy() {}

    public static ProtectionPolicy get() {
        return new ProtectionPolicy(MAPPINGS,
                List.of("UEID", "LOCATION", "KEY_MATERIAL", "AUTHENTICATION_MATERIAL", "AUTHORIZATION_TOKEN"));
    }

    private static List<ApiIeMapping> load() {
        try (InputStream in = DefaultProtectionPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the keygate-sepp jar");
            }
            return List.copyOf(SbiJson.mapper().readValue(in, new TypeReference<List<ApiIeMapping>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
