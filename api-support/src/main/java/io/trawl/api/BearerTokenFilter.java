package io.trawl.api;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates a request by its {@code Authorization: Bearer <token>} header against {@link ApiTokens}. It
 * never refuses a request itself: a missing or unknown token leaves the request anonymous, and the
 * authorization rules answer 401 where a role is needed ({@link #INVALID_TOKEN} tells the entry point that a
 * token was presented and refused). Nothing about the token is logged.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    /** Request attribute set when a bearer token was presented but is not a known one. */
    public static final String INVALID_TOKEN = BearerTokenFilter.class.getName() + ".invalid";

    private static final String PREFIX = "bearer ";

    private final ApiTokens tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.length() > PREFIX.length()
                && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String token = header.substring(PREFIX.length()).strip();
            var role = tokens.roleOf(token);
            if (role.isPresent()) {
                var context = contexts.createEmptyContext();
                context.setAuthentication(new TokenAuthentication(role.get()));
                contexts.setContext(context);
            } else {
                request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            }
        } else if (header != null) {
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
        }
        chain.doFilter(request, response);
    }

    /** An authenticated bearer: its principal is the role, never the token. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final ApiTokens.Role role;

        TokenAuthentication(ApiTokens.Role role) {
            super(role == ApiTokens.Role.EDITOR
                    ? List.of(new SimpleGrantedAuthority("ROLE_EDITOR"), new SimpleGrantedAuthority("ROLE_VIEWER"))
                    : List.of(new SimpleGrantedAuthority("ROLE_VIEWER")));
            this.role = role;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return role.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
