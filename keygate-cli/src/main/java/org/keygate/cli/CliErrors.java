package org.keygate.cli;

import org.keygate.sepp.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * Turns the errors an operator can fix (a bad configuration, a port in use) into one clear line and exit code 2;
 * anything else is a bug and keeps its stack trace.
 */
final class CliErrors implements IExecutionExceptionHandler {
    /** Exit code for a configuration or environment the operator must fix. */
    static final int CONFIG_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (ex instanceof CommandLine.ParameterException p) {
            cmd.getErr().println("keygate: " + p.getMessage());
            return CONFIG_ERROR;
        }
        Throwable t = ex;
        while (t != null) {
            if (t instanceof ConfigException || t instanceof java.net.BindException) {
                cmd.getErr().println("keygate: " + t.getMessage());
                return CONFIG_ERROR;
            }
            t = t.getCause();
        }
        throw new CommandLine.ExecutionException(cmd, ex.toString(), ex);
    }
}
