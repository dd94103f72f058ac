package org.keygate.n32.policy;

/**
 * OpenAPI path templates against request paths. A template may be written with or without its API prefix
 * ({@code /{supiOrSuci}/security-information/generate-auth-data} or
 * {@code /nudm-ueau/v1/{supiOrSuci}/...}); it matches when it matches the path's last segments.
 */
final class PathTemplates {
    private PathTemplates() {}

    /** Does the template match the path's last segments? Both split at "/" (a planner splits each template once). */
    static boolean matches(String[] t, String[] p) {
        if (t.length > p.length || t.length == 0) {
            return false;
        }
        int offset = p.length - t.length;
        for (int i = 1; i < t.length; i++) {
            boolean variable = t[i].startsWith("{") && t[i].endsWith("}");
            if (!variable && !t[i].equals(p[offset + i])) {
                return false;
            }
            if (variable && p[offset + i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The template extended with the path's leading segments, so it has as many segments as the path; or null when
     * it does not {@link #matches match}.
     */
    static String aligned(String[] t, String[] p) {
        if (!matches(t, p)) {
            return null;
        }
        int offset = p.length - t.length;
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
