package org.keygate.ims.msrp;

import java.util.Optional;

/** The Status header of a REPORT (RFC 4975 9): {@code namespace SP status-code [SP comment]}, namespace "000". */
public record MsrpReportStatus(int namespace, int code, Optional<String> comment) {
    public MsrpReportStatus {
        if (namespace < 0 || namespace > 999 || code < 100 || code > 999) {
            throw new IllegalArgumentException("Status namespace or code out of 3DIGIT range");
        }
    }

    public static MsrpReportStatus of(MsrpStatus status) {
        return new MsrpReportStatus(0, status.code(), Optional.of(status.comment()));
    }

    public static MsrpReportStatus parse(String value) {
        if (value.length() < 7 || value.charAt(3) != ' ' || (value.length() > 7 && value.charAt(7) != ' ')
                || !digits(value.substring(0, 3)) || !digits(value.substring(4, 7))) {
            throw new IllegalArgumentException("Status is not namespace SP status-code [SP comment] (RFC 4975 9)");
        }
        return new MsrpReportStatus(Integer.parseInt(value.substring(0, 3)), Integer.parseInt(value.substring(4, 7)),
                value.length() > 8 ? Optional.of(value.substring(8)) : Optional.empty());
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
        return String.format("%03d %03d", namespace, code) + comment.map(c -> " " + c).orElse("");
    }
}
