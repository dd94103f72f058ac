package org.keygate.sepp.cluster;

/** etcd did not answer in time, or refused: the cluster's memory is out of reach for this instance. */
final class EtcdUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    EtcdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
