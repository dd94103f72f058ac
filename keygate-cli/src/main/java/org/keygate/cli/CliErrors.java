package org.keygate.cli;

import org.keygate.sbi.config.ConfigException;
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
        Throwable above = null;
        for (Throwable t = ex; t != null; above = t, t = t.getCause()) {
            if (t instanceof ConfigException) {
                cmd.getErr().println("keygate: " + t.getMessage());
                return CONFIG_ERROR;
            }
            if (t instanceof java.net.BindException) {
                // The socket's own message is only "Address already in use"; the listener that wraps it names
                // itself and its address ("cannot listen on ... (n32c-home): ...").
                cmd.getErr().println("keygate: " + (above == null ? t.getMessage() : above.getMessage()));
                return CONFIG_ERROR;
            }
        }
        throw new CommandLine.ExecutionException(cmd, ex.toString(), ex);
    }
}
