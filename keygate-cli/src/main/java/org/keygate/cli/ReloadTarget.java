package org.keygate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What every {@code reload} command takes (a picocli mixin): the running daemon's file, which names its admin
 * listener, and optionally another admin address (docs/OPERATIONS.md "Reload without restart").
 */
public final class ReloadTarget {
    @Option(names = {"-c", "--config"}, required = true,
            description = "The running daemon's YAML configuration file (the one it was started with).")
    public Path config;

    @Option(names = "--admin",
            description = "The daemon's admin listener, HOST:PORT (default: the one its file names).")
    public String admin;
}
