package org.keygate.n32.policy;

/**
 * OpenAPI path templates against request paths. A template may be written with or without its API prefix
 * ({@code /{supiOrSuci}/security-information/generate-auth-data} or
 * {@code /nudm-ueau/v1/{supiOrSuci}/...}); it matches when it matches the path's last segments.
 */
final class PathTemplates {
    private PathTemplates() {}

    /** The template extended with the path's leading segments, so it has as many segments as the path; or null. */
    /** Template and path split at "/" (a planner splits each template once, at start). */
    static String aligned(String[] t, String[] p) {
        if (t.length > p.length || t.length == 0) {
            return null;
        }
        int offset = p.length - t.length;
        for (int i = 1; i < t.length; i++) {
            boolean variable = t[i].startsWith("{") && t[i].endsWith("}");
            if (!variable && !t[i].equals(p[offset + i])) {
                return null;
            }
            if (variable && p[offset + i].isEmpty()) {
                return null;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= offset; i++) {
            out.append('/').append(p[i]);
        }
        for (int i = 1; i < t.length; i++) {
            out.append('/').append(t[i]);
        }
        return out.toString();
    }
}
