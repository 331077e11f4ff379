package io.trawl.integrations.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every HTTP request the S3 client sends, as sent (signed, all headers), because S3Mock ignores some of
 * them (Object Lock) and only the request shows they were asked for.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {

    private final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(context.httpRequest());
    }

    /** The last {@code method} request whose path ends with {@code pathEnd}. */
    public SdkHttpRequest last(SdkHttpMethod method, String pathEnd) {
        return sent.reversed().stream()
                .filter(r -> r.method() == method && r.encodedPath().endsWith(pathEnd))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " of " + pathEnd + " was sent"));
    }

    public List<SdkHttpRequest> sent() {
        return List.copyOf(sent);
    }
}
