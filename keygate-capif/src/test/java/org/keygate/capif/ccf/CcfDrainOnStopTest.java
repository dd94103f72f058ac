package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.store.MvCapifStore;

/**
 * The CCF's draining stop (issue 18): a provider registration in progress when the CCF is stopped is still answered
 * (201, its certificates issued), while the stopping CCF takes no new connection.
 */
class CcfDrainOnStopTest {
    @TempDir
    Path dir;

    private final CountDownLatch atTheCcf = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private MvCapifStore store;
    private CcfLab lab;

    @AfterEach
    void stop() {
        release.countDown();
        if (lab != null) {
            lab.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aRegistrationInProgressAtTheStopIsAnswered() throws Exception {
        store = MvCapifStore.inMemory();
        // The registration is held inside the CCF's handler (the observer runs there, before the answer goes out)
        // until the stop has begun.
        lab = new CcfLab(store, CcfLab.newCa(dir.resolve("ca")), Capif1eSecrets.NONE, b -> b
                .drainTimeout(Duration.ofSeconds(30)).observer((request, response) -> {
                    if (request.path().endsWith("/registrations")) {
                        atTheCcf.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
        CompletableFuture<Void> registration = CompletableFuture.runAsync(() -> {
            try {
                lab.registerProvider(); // asserts 201
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertThat(atTheCcf.await(30, TimeUnit.SECONDS)).as("the registration reached the CCF").isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(lab.ccf::close);

        InetSocketAddress ccf = new InetSocketAddress("127.0.0.1", lab.port);
        for (int i = 0; i < 300 && accepts(ccf); i++) {
            Thread.sleep(100);
        }
        assertThat(accepts(ccf)).as("the stopping CCF takes no new connection").isFalse();
        assertThat(stopped).as("the stop waits for the registration").isNotDone();
        release.countDown();
        registration.get(30, TimeUnit.SECONDS);
        stopped.get(30, TimeUnit.SECONDS);
        assertThat(lab.aefId).as("the registration's answer, with the AEF's ID").isNotBlank();
    }

    private static boolean accepts(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
