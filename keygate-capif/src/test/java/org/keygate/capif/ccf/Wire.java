package org.keygate.capif.ccf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.keygate.capif.CapifOpenApi;
import org.keygate.sbi.json.SbiJson;

/**
 * A test party talking to the CCF over real TLS with the JDK's HttpClient (HTTP/1.1 or h2), checking every request
 * it sends and every answer it gets against the Rel-18 OpenAPI file of the API.
 */
record Wire(HttpClient client, String base, String authorization) {
    static Wire of(SSLContext ctx, int port, HttpClient.Version version) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        return new Wire(HttpClient.newBuilder().sslContext(ctx).sslParameters(p).version(version)
                .connectTimeout(Duration.ofSeconds(5)).build(), "https://localhost:" + port, null);
    }

    /** The same party sending {@code Authorization: <value>} with each request. */
    Wire withAuthorization(String value) {
        return new Wire(client, base, value);
    }

    record Answer(int status, String contentType, byte[] body, String location) {
        <T> T as(Class<T> type) {
            return SbiJson.read(body, type);
        }

        String cause() {
            return SbiJson.read(body, org.keygate.sbi.http.ProblemDetails.class).cause();
        }
    }

    Answer send(CapifOpenApi.Api api, String method, String pathAndQuery, Object body) throws Exception {
        byte[] json = body == null ? null : body instanceof byte[] b ? b : SbiJson.write(body);
        CapifOpenApi.assertValidRequest(api, method, pathAndQuery, "application/json", json);
        return sendUnchecked(api, method, pathAndQuery, json);
    }

    /** Sends without checking the request (to test refusals of invalid input); the answer is still checked. */
    Answer sendUnchecked(CapifOpenApi.Api api, String method, String pathAndQuery, byte[] json) throws Exception {
        Answer a = sendRaw(method, pathAndQuery, json);
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        if (a.location() != null) {
            headers.put("Location", a.location());
        }
        CapifOpenApi.assertValidResponse(api, method, pathAndQuery, a.status(), a.contentType(), a.body(), headers);
        return a;
    }

    /** Sends to a path no OpenAPI file describes: nothing to check against. */
    Answer sendRaw(String method, String pathAndQuery, byte[] json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10));
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json));
        if (json != null) {
            b.header("content-type", "application/json");
        }
        if (authorization != null) {
            b.header("authorization", authorization);
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String ct = r.headers().firstValue("content-type").orElse(null);
        return new Answer(r.statusCode(), ct, r.body(), r.headers().firstValue("location").orElse(null));
    }
}
