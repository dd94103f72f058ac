package org.keygate.sbi.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiResponse;

/** {@link SbiResponse} to Netty's {@link FullHttpResponse}. */
final class HttpResponses {
    private HttpResponses() {}

    static FullHttpResponse of(SbiResponse rsp, boolean http2, boolean close) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(rsp.status()), Unpooled.wrappedBuffer(rsp.body()));
        for (Map.Entry<String, String> h : rsp.headers().entries()) {
            out.headers().add(h.getKey(), h.getValue());
        }
        if (rsp.status() != 204 && rsp.status() != 304) {
            out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, rsp.body().length);
        }
        if (close && !http2) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return out;
    }

    static FullHttpResponse of(ProblemDetails problem, boolean http2) {
        return of(SbiResponse.problem(problem), http2, !http2);
    }
}
