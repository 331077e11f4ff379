package io.trawl.api;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import jakarta.servlet.DispatcherType;

/**
 * The one access policy of every Trawl REST API. Stateless bearer tokens ({@link ApiTokens}) with two roles: GET
 * and HEAD requests, and the POST paths a service names as read-only (running a test changes nothing), need
 * {@code viewer} (or {@code editor}); every other {@code /api/v1} request needs {@code editor}. Health,
 * Prometheus and the OpenAPI document and UI need no token. Failures are problem details: 401 with
 * {@code WWW-Authenticate: Bearer} for a missing or unknown token, 403 for a viewer who tries to write.
 */
public final class ApiSecurity {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);

    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};

    private ApiSecurity() {
    }

    /**
     * The tokens configured, or, when none is, one generated editor token logged once (without it nobody could
     * use the API of an unconfigured service).
     *
     * @param api names the API in the log, e.g. "Scripts API"
     */
    public static ApiTokens tokens(ApiAccessSettings settings, String api) {
        if (!settings.editorTokens().isEmpty() || !settings.viewerTokens().isEmpty()) {
            log.info("{}: {} editor and {} viewer token(s) configured", api, settings.editorTokens().size(),
                    settings.viewerTokens().size());
            return ApiTokens.of(settings.editorTokens(), settings.viewerTokens());
        }
        String generated = ApiTokens.generate();
        // The one time a token is logged.
        log.info("No {} token is configured (trawl.api.editor-tokens, trawl.api.viewer-tokens), so this run "
                + "generated an editor token; send it as 'Authorization: Bearer {}'. It changes at every start.",
                api, generated);
        return ApiTokens.of(List.of(generated), List.of());
    }

    /**
     * The filter chain of the policy.
     *
     * @param viewerPosts POST paths under {@code /api/v1} that change nothing, so viewers may call them
     */
    public static SecurityFilterChain chain(HttpSecurity http, ApiTokens tokens, ApiAccessSettings settings,
                                            String... viewerPosts) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new RequestSizeFilter(settings.maxRequestBytes().toBytes()),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> {
                    // an SSE stream's async dispatches and error pages were authorized on the first dispatch
                    auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                            .requestMatchers(OPEN).permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/v1/**").hasRole("VIEWER")
                            .requestMatchers(HttpMethod.HEAD, "/api/v1/**").hasRole("VIEWER");
                    if (viewerPosts.length > 0) {
                        auth.requestMatchers(HttpMethod.POST, viewerPosts).hasRole("VIEWER");
                    }
                    auth.requestMatchers("/api/v1/**").hasRole("EDITOR")
                            .anyRequest().authenticated();
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean invalid = request.getAttribute(BearerTokenFilter.INVALID_TOKEN) != null;
                            response.setHeader("WWW-Authenticate", invalid
                                    ? "Bearer realm=\"trawl\", error=\"invalid_token\", "
                                            + "error_description=\"the token is not known\""
                                    : "Bearer realm=\"trawl\"");
                            Problems.write(request, response, HttpStatus.UNAUTHORIZED, invalid
                                    ? "the bearer token is not known (or the Authorization header is not "
                                            + "'Bearer <token>')"
                                    : "this endpoint needs a token: send 'Authorization: Bearer <token>'");
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(request, response,
                                HttpStatus.FORBIDDEN, "this needs the editor role; the token presented has the "
                                        + "viewer role, which may only read"
                                        + (viewerPosts.length > 0 ? " and run what changes nothing" : ""))));
        return http.build();
    }
}
