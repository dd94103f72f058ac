package org.keygate.n32.n32f.reformat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which parts of one SBI message the sending SEPP encrypts (TS 33.501 13.2.4.3): template variables of the path
 * (named as in the API's OpenAPI path, e.g. {@code supiOrSuci} in {@code /nudm-ueau/v1/{supiOrSuci}/...}), query
 * parameters and headers by name, JSON body IEs by RFC 6901 pointer, and binary body parts by Content-ID
 * ({@value #ALL_BINARY_PARTS} for all). The protection policy decides the plan; the reformatter only carries it out.
 *
 * @param pathTemplate the API's path template the request path matches, or null when no path part is encrypted
 */
public record EncryptionPlan(
        String pathTemplate,
        Set<String> pathVariables,
        Set<String> queryParameters,
        Set<String> headers,
        List<String> bodyPointers,
        Set<String> binaryParts) {

    /** In {@code binaryParts}: every binary part. */
    public static final String ALL_BINARY_PARTS = "*";

    public EncryptionPlan {
        binaryParts = Set.copyOf(binaryParts);
        pathVariables = Set.copyOf(pathVariables);
        queryParameters = Set.copyOf(queryParameters);
        headers = lowerCase(headers);
        bodyPointers = List.copyOf(bodyPointers);
        if (!pathVariables.isEmpty() && pathTemplate == null) {
            throw new IllegalArgumentException("pathVariables need the pathTemplate they belong to");
        }
    }

    /** A plan without binary parts. */
    public EncryptionPlan(String pathTemplate, Set<String> pathVariables, Set<String> queryParameters,
            Set<String> headers, List<String> bodyPointers) {
        this(pathTemplate, pathVariables, queryParameters, headers, bodyPointers, Set.of());
    }

    /** As given when already in lower case (a planner's names are): no copy per message. */
    private static Set<String> lowerCase(Set<String> names) {
        for (String name : names) {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                return names.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            }
        }
        return Set.copyOf(names);
    }

    public boolean encrypts(BinaryPart part) {
        return binaryParts.contains(ALL_BINARY_PARTS) || binaryParts.contains(part.contentId());
    }

    /** Nothing encrypted: integrity protection only. */
    public static EncryptionPlan none() {
        return new EncryptionPlan(null, Set.of(), Set.of(), Set.of(), List.of());
    }

    /** Only body IEs encrypted. */
    public static EncryptionPlan body(List<String> pointers) {
        return new EncryptionPlan(null, Set.of(), Set.of(), Set.of(), pointers);
    }
}
