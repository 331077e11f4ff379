package io.trawl.integrations.api;

import io.trawl.integrations.action.InvalidActionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamReadException;

import java.io.IOException;

/**
 * Failures of the snapshots API as RFC 9457 problem details whose {@code detail} names what is wrong, starting
 * with the field when there is one ({@code "to: ..."}).
 */
@RestControllerAdvice(assignableTypes = SnapshotController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SnapshotApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SnapshotApiExceptionHandler.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A snapshot request's body read as an action's params: the message names the field. */
    @ExceptionHandler(InvalidActionException.class)
    ProblemDetail invalidRequest(InvalidActionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getName() + ": '" + e.getValue() + "' is not a number");
    }

    @ExceptionHandler(SnapshotNotFoundException.class)
    ProblemDetail notFound(SnapshotNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IOException.class)
    ProblemDetail storeFailed(IOException e) {
        log.warn("Snapshots API: the evidence store failed: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the evidence store failed: " + e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = e.getCause() instanceof StreamReadException syntax
                ? "malformed JSON: " + syntax.getOriginalMessage()
                : "the request needs a JSON object body: {\"from\": ..., \"to\": ..., \"reason\": ...}";
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String given = e.getContentType() == null ? "none" : e.getContentType().toString();
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type: send application/json (was " + given + ")"), headers,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }
}
