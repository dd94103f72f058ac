package org.keygate.sepp.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;

/**
 * One home-SEPP instance as its own process, for tests that kill it with SIGKILL: the SEPP of the YAML file given,
 * whose home NF answers every request with {@code {"deliveredBy": <instance>}}. Prints READY once it serves.
 */
public final class ClusterInstanceMain {
    private ClusterInstanceMain() {}

    public static void main(String[] args) throws Exception {
        SeppConfig config = SeppConfigLoader.load(Path.of(args[0]));
        String instance = config.cluster().orElseThrow().instance();
        SeppNode node = SeppNode.start(config, Clock.systemUTC(), (context, request, messageId) -> {
            ObjectNode body = SbiJson.mapper().createObjectNode().put("deliveredBy", instance);
            return CompletableFuture.completedFuture(new ClearResponse(200,
                    List.of(Map.entry("content-type", "application/json")), body));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        System.out.println("READY " + instance);
        System.out.flush();
        Thread.currentThread().join();
    }
}
