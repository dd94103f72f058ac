package org.keygate.capif.model;

/**
 * TS 29.122 WebsockNotifConfig (TS 29.222 7.2.1: the SCEF is the CCF): the subscriber sets
 * {@code requestWebsocketUri}; the CCF answers with the {@code websocketUri} to open (TS 29.222 7.6).
 */
public record WebsockNotifConfig(String websocketUri, Boolean requestWebsocketUri) {
    public boolean requested() {
        return Boolean.TRUE.equals(requestWebsocketUri);
    }
}
