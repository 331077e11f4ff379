package io.trawl.script.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.trawl.api.RequestSizeFilter;
import io.trawl.script.store.ScriptStoreException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every failure of the scripts API as an RFC 9457 problem detail ({@code application/problem+json}) whose
 * {@code detail} names what is wrong, starting with the field when there is one ({@code "source: ..."}).
 * Spring MVC's own failures (wrong method, unsupported media type, unknown path, ...) come through
 * {@link ResponseEntityExceptionHandler}; 401 and 403 come from {@link ScriptsApiSecurity}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ProblemDetail refused(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
            problem.setProperty("line", e.errors().getFirst().line());
            problem.setProperty("column", e.errors().getFirst().column());
        }
        return problem;
    }

    @ExceptionHandler(ScriptStoreException.class)
    ProblemDetail store(ScriptStoreException e) {
        HttpStatus status = switch (e) {
            case ScriptStoreException.NotFound notFound -> HttpStatus.NOT_FOUND;
            case ScriptStoreException.AlreadyExists exists -> HttpStatus.CONFLICT;
            case ScriptStoreException.VersionConflict conflict -> HttpStatus.PRECONDITION_FAILED;
            case ScriptStoreException.TooLarge tooLarge -> HttpStatus.CONTENT_TOO_LARGE;
            case ScriptStoreException.Unavailable unavailable -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            log.warn("Script store write failed: {}", e.getMessage());
        }
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegal(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(RequestSizeFilter.BodyTooLargeException.class)
    ProblemDetail tooLarge(RequestSizeFilter.BodyTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), headers, request, e);
            }
        }
        return problem(HttpStatus.BAD_REQUEST, unreadable(e), headers, request, e);
    }

    /** What is wrong with a body Jackson could not read, naming the field or the place in the text. */
    private static String unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StreamReadException syntax) {
            TokenStreamLocation at = syntax.getLocation();
            return "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + syntax.getOriginalMessage();
        }
        if (cause instanceof JacksonException mapping) {
            String path = path(mapping);
            return (path.isEmpty() ? "" : path + ": ") + "wrong type or value: " + mapping.getOriginalMessage();
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Required request body is missing")) {
            return "the request needs a JSON body";
        }
        return "the request body is not readable: " + message;
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String given = e.getContentType() == null ? "none" : e.getContentType().toString();
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: send application/json (was " + given + ")",
                headers, request, e);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        String detail = fields.stream().map(f -> f.get("field") + ": " + f.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "the request is not valid" : detail);
        problem.setProperty("fields", fields);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers, WebRequest request,
                                           Exception e) {
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Scripts API request failed", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the service failed: " + e.getClass().getSimpleName() + "; see its log");
    }
}
