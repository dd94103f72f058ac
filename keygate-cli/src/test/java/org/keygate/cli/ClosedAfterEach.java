package org.keygate.cli;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test started (daemons, processes, clients), closed after it in the reverse order: a JUnit extension,
 * {@code @RegisterExtension final ClosedAfterEach closed = new ClosedAfterEach();}, then {@code closed.keep(x)}. Every
 * one is closed even when one fails to; the first failure is thrown with the others suppressed.
 */
public final class ClosedAfterEach implements AfterEachCallback {
    private final List<AutoCloseable> open = new ArrayList<>();

    public <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
