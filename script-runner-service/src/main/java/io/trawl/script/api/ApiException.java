package io.trawl.script.api;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.trawl.script.api.ScriptResponses.ErrorView;

/** A request the API refuses, with the status and a detail naming what is wrong. */
class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ErrorView> errors;

    ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    ApiException(HttpStatus status, String detail, List<ErrorView> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    HttpStatus status() {
        return status;
    }

    /** Script errors behind a 422, each with its line and column; empty otherwise. */
    List<ErrorView> errors() {
        return errors;
    }
}
