package io.trawl.capture;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a capture that cannot start into a short message instead of a stack trace. */
class CaptureStartFailureAnalyzer extends AbstractFailureAnalyzer<CaptureService.CaptureStartException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CaptureService.CaptureStartException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the capture settings (trawl.capture.*) or the Kafka address (trawl.kafka.bootstrap-servers).",
                cause);
    }
}
