package org.keygate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar manifest ("dev" when run from classes). */
final class KeygateVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = KeygateVersion.class.getPackage().getImplementationVersion();
        return new String[] {"keygate " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
