package io.trawl.integrations.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.util.List;

/** Builds the {@link S3Client} that {@link S3Settings} describe. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * @param interceptors told about every request, in order (tests record the headers sent with them)
     * @throws IllegalStateException naming the missing settings when S3 is not configured
     */
    public static S3Client create(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        if (!settings.configured()) {
            throw new IllegalStateException("S3 is not configured: " + settings.missing());
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.staticCredentials()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
