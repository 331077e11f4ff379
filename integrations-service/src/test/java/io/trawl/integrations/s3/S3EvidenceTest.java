package io.trawl.integrations.s3;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.evidence.EvidenceExistsException;
import io.trawl.integrations.evidence.EvidenceStoreException;
import io.trawl.integrations.evidence.StoredEvidence;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 evidence store and {@code vendor.s3.put} against S3Mock, checking what the client sent as well. */
class S3EvidenceTest {

    private static final RecordingInterceptor SENT = new RecordingInterceptor();
    private static final String BUCKET = "evidence-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SECRET = "s3mock-secret-not-logged";
    private static S3Client client;
    private static S3ObjectWriter writer;
    private static S3EvidenceStore store;

    @BeforeAll
    static void startS3() throws IOException {
        S3Settings settings = settings();
        client = S3Clients.create(settings, List.of(SENT));
        client.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true));
        writer = new S3ObjectWriter(client, settings.retention(), Clock.systemUTC());
        store = new S3EvidenceStore(client, writer, BUCKET, settings.prefix());
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    static S3Settings settings() throws IOException {
        return new S3Settings("us-east-1", S3MockServer.shared().endpoint(), true, "trawl", SECRET,
                Duration.ofDays(30), BUCKET, "snapshots/");
    }

    @Test
    void everyPutAsksForComplianceRetentionAndCarriesTheSha256AsMetadataAndChecksum() throws Exception {
        byte[] bytes = "evidence bytes".getBytes(StandardCharsets.UTF_8);
        EvidenceContent content = EvidenceContent.of(bytes);
        String sha256 = HexFormat.of().formatHex(EvidenceContent.sha256().digest(bytes));
        Instant before = Instant.now();

        StoredEvidence stored = store.put("a.pcap", content, "application/vnd.tcpdump.pcap");

        assertThat(stored.location()).isEqualTo("s3://" + BUCKET + "/snapshots/a.pcap");
        SdkHttpRequest put = SENT.last(SdkHttpMethod.PUT, "/snapshots/a.pcap");
        assertThat(put.firstMatchingHeader("x-amz-object-lock-mode")).contains("COMPLIANCE");
        Instant retainUntil = Instant.parse(put.firstMatchingHeader("x-amz-object-lock-retain-until-date").orElseThrow());
        assertThat(retainUntil).isBetween(before.plus(Duration.ofDays(30)).minusSeconds(1),
                Instant.now().plus(Duration.ofDays(30)).plusSeconds(1));
        assertThat(put.firstMatchingHeader("x-amz-meta-sha256")).contains(sha256);
        assertThat(put.firstMatchingHeader("x-amz-checksum-sha256")).contains(content.sha256Base64());
        assertThat(put.firstMatchingHeader("If-None-Match")).contains("*");
        assertThat(SENT.last(SdkHttpMethod.HEAD, "/snapshots/a.pcap")).isNotNull();

        try (InputStream in = store.open("a.pcap")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        StoredEvidence found = store.find("a.pcap").orElseThrow();
        assertThat(found.sha256()).isEqualTo(sha256);
        assertThat(found.size()).isEqualTo(bytes.length);
        assertThat(store.list(".pcap")).extracting(StoredEvidence::name).contains("a.pcap");
    }

    @Test
    void aCaptureFileIsStoredFromDiskWithItsDigest() throws Exception {
        Path file = Path.of("../testdata/examples/examples.pcap");
        byte[] bytes = Files.readAllBytes(file);
        EvidenceContent content = EvidenceContent.ofFile(file, EvidenceContent.sha256().digest(bytes));

        store.put("examples.pcap", content, "application/vnd.tcpdump.pcap");

        SdkHttpRequest put = SENT.last(SdkHttpMethod.PUT, "/snapshots/examples.pcap");
        assertThat(put.firstMatchingHeader("x-amz-checksum-sha256")).contains(content.sha256Base64());
        try (InputStream in = store.open("examples.pcap")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store.find("examples.pcap").orElseThrow().sha256()).isEqualTo(content.sha256Hex());
    }

    @Test
    void anExistingKeyIsRefusedByNameAndKeepsItsContent() throws Exception {
        store.put("b.pcap", EvidenceContent.of(new byte[] {1, 2, 3}), "application/octet-stream");

        assertThatThrownBy(() -> store.put("b.pcap", EvidenceContent.of(new byte[] {9}), "application/octet-stream"))
                .isInstanceOf(EvidenceExistsException.class)
                .hasMessage("s3://" + BUCKET + "/snapshots/b.pcap already exists; evidence is written once and never"
                        + " replaced");
        try (InputStream in = store.open("b.pcap")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aBucketThatDoesNotExistIsAFailureNotWorthRetrying() {
        assertThatThrownBy(() -> writer.putOnce("no-such-bucket-" + BUCKET, "k", EvidenceContent.of(new byte[1]),
                "application/octet-stream"))
                .isInstanceOfSatisfying(EvidenceStoreException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageStartingWith("S3 could not put s3://no-such-bucket-" + BUCKET + "/k: The specified bucket does not exist.");
    }

    @Test
    void s3PutWritesTheScriptsTextOnceWithTheSameProtection() throws Exception {
        S3PutHandler handler = new S3PutHandler(writer, settings());
        ActionRequest put = action("{\"bucket\":\"" + BUCKET + "\",\"key\":\"reports/daily.txt\","
                + "\"content\":\"3 alerts\",\"contentType\":\"text/plain\"}");

        handler.handle(put);
        handler.handle(put); // a redelivery of the same request is done already

        SdkHttpRequest sent = SENT.last(SdkHttpMethod.PUT, "/reports/daily.txt");
        assertThat(sent.firstMatchingHeader("x-amz-object-lock-mode")).contains("COMPLIANCE");
        assertThat(sent.firstMatchingHeader("x-amz-meta-sha256")).contains(HexFormat.of().formatHex(
                EvidenceContent.sha256().digest("3 alerts".getBytes(StandardCharsets.UTF_8))));
        try (InputStream in = client.getObject(r -> r.bucket(BUCKET).key("reports/daily.txt"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("3 alerts");
        }
        assertThatThrownBy(() -> handler.handle(action("{\"bucket\":\"" + BUCKET + "\",\"key\":\"reports/daily.txt\","
                + "\"content\":\"4 alerts\"}")))
                .isInstanceOf(EvidenceExistsException.class)
                .hasMessageStartingWith("s3://" + BUCKET + "/reports/daily.txt already exists");
    }

    @Test
    void s3PutWithoutS3SettingsFailsNamingWhatToSet() {
        S3Settings none = new S3Settings(null, null, false, null, null, Duration.ofDays(30), null, "snapshots/");
        S3PutHandler handler = new S3PutHandler(null, none);

        assertThatThrownBy(() -> handler.handle(action("{\"bucket\":\"b\",\"key\":\"k\",\"content\":\"x\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("vendor.s3.put of script 'detect' cannot run: S3 is not configured: "
                        + "trawl.integrations.s3.region is not set");
    }

    @Test
    void s3PutParamsAreChecked() throws IOException {
        S3PutHandler handler = new S3PutHandler(writer, settings());

        assertThatThrownBy(() -> handler.handle(action("{\"key\":\"k\",\"content\":\"x\"}")))
                .hasMessage("s3.put: params.bucket is missing");
        assertThatThrownBy(() -> handler.handle(action("{\"bucket\":\" \",\"key\":\"k\",\"content\":\"x\"}")))
                .hasMessage("s3.put: params.bucket must not be blank");
        assertThatThrownBy(() -> handler.handle(action("{\"bucket\":\"b\",\"key\":\"k\"}")))
                .hasMessage("s3.put: params.content is missing");
    }

    @Test
    void theSecretNeverShowsInTheSettingsText() throws IOException {
        assertThat(settings().toString()).doesNotContain(SECRET).contains("static key trawl");
    }

    private static ActionRequest action(String params) {
        return new ActionRequest(UUID.randomUUID().toString(), ActionKind.S3_PUT, "detect", 1, "onItemCaptured",
                "node-1", System.currentTimeMillis(), null, params);
    }
}
