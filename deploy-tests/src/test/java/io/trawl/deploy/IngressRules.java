package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.List;
import java.util.Map;

/**
 * Answers whether the namespace's NetworkPolicies let a connection in, as Kubernetes evaluates them for pods in one
 * namespace: a pod selected by no policy accepts everything; a selected pod accepts what any rule of a policy
 * selecting it allows. Peers are judged by pod labels or by "any source"; namespace selectors count as any
 * namespace, which is what Trawl's policies use them for.
 */
record IngressRules(List<NetworkPolicy> policies) {

    /** A source: a pod with labels, or (labels null) an address outside the cluster. */
    boolean allows(Map<String, String> target, Map<String, String> source, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector().getMatchLabels(), target))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(p -> p.getSpec().getIngress().stream()).anyMatch(rule -> allows(rule, source, port));
    }

    private static boolean allows(NetworkPolicyIngressRule rule, Map<String, String> source, int port) {
        boolean portOpen = rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() == port);
        boolean sourceAllowed = rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> admits(peer, source));
        return portOpen && sourceAllowed;
    }

    private static boolean admits(NetworkPolicyPeer peer, Map<String, String> source) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        return source != null && (peer.getPodSelector() == null || matches(peer.getPodSelector().getMatchLabels(), source));
    }

    /** An empty selector selects every pod. */
    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector == null || selector.isEmpty() || Manifests.selects(selector, labels);
    }
}
