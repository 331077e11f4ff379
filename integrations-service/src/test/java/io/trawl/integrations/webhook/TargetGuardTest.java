package io.trawl.integrations.webhook;

import io.trawl.integrations.action.InvalidActionException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(false);

    @Test
    void metadataLinkLocalUnspecifiedAndMulticastTargetsAreRefused() {
        refused("http://169.254.169.254/latest/meta-data/", "it is a cloud metadata address (169.254.169.254)");
        refused("http://[fd00:ec2::254]/latest/", "it is a cloud metadata address");
        refused("http://metadata.google.internal/computeMetadata/v1/", "it is a cloud metadata service");
        refused("http://METADATA.google.internal./x", "it is a cloud metadata service");
        refused("http://169.254.10.20:8080/", "it is a link-local address");
        refused("http://[fe80::1%25eth0]/", "it is a link-local address");
        refused("http://[::ffff:169.254.169.254]/", "it is a cloud metadata address");
        refused("http://0.0.0.0:9000/", "it is the unspecified address");
        refused("http://[::]/", "it is the unspecified address");
        refused("http://224.0.0.1/", "it is a multicast address");
    }

    @Test
    void loopbackAndPrivateTargetsPass() throws Exception {
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "https://10.1.2.3/x", "http://192.168.1.5/",
                "http://172.16.0.1/", "http://[::1]:9/", "http://localhost/"}) {
            assertThat(guard.check("webhook: params.url", url)).isEqualTo(URI.create(url));
        }
    }

    @Test
    void configurationCanAllowLinkLocalTargets() throws Exception {
        assertThat(new TargetGuard(true).check("u", "http://169.254.169.254/")).hasHost("169.254.169.254");
    }

    @Test
    void onlyHttpUrlsWithAHostPass() {
        assertThatThrownBy(() -> guard.check("webhook: params.url", "file:///etc/passwd"))
                .isInstanceOf(InvalidActionException.class).hasMessage("webhook: params.url must be an http or https URL");
        assertThatThrownBy(() -> guard.check("webhook: params.url", "http:///x"))
                .isInstanceOf(InvalidActionException.class).hasMessage("webhook: params.url has no host");
        assertThatThrownBy(() -> guard.check("webhook: params.url", "http://a b/"))
                .isInstanceOf(InvalidActionException.class).hasMessageStartingWith("webhook: params.url is not a URL: ");
    }

    private void refused(String url, String reason) {
        assertThatThrownBy(() -> guard.check("webhook: params.url", url))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageStartingWith("webhook: params.url: refused to call ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("; set trawl.integrations.webhooks.allow-link-local=true to allow it");
    }
}
