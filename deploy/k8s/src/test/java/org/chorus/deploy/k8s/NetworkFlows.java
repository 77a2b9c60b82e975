package org.chorus.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies of an overlay, evaluated as Kubernetes evaluates them, one connection at a time: a connection is
 * let through when the source's egress and the destination's ingress both let it (a pod no policy of that direction
 * selects is open in that direction). Numeric ports only: a named port in a policy is an error here, so a policy this
 * evaluator cannot read is never taken as open or closed by accident.
 */
final class NetworkFlows {

    /** Where a connection starts or ends: a pod (its namespace and labels) or an address outside the cluster. */
    sealed interface Endpoint permits Pod, Outside {
    }

    record Pod(String name, String namespace, Map<String, String> labels) implements Endpoint {
        @Override
        public String toString() {
            return name;
        }
    }

    record Outside(String address) implements Endpoint {
        @Override
        public String toString() {
            return address;
        }
    }

    /** A connection and whether the policies must let it through. */
    record Flow(Endpoint from, Endpoint to, int port, String protocol, boolean allowed) {

        static Flow allowed(Endpoint from, Endpoint to, int port) {
            return new Flow(from, to, port, "TCP", true);
        }

        static Flow denied(Endpoint from, Endpoint to, int port) {
            return new Flow(from, to, port, "TCP", false);
        }

        @Override
        public String toString() {
            return from + " -> " + to + ":" + port + "/" + protocol;
        }
    }

    private NetworkFlows() {
    }

    /** The flows whose fate under the policies differs from what they expect. */
    static List<String> check(List<JsonNode> objects, List<Flow> flows) {
        List<JsonNode> policies = objects.stream()
                .filter(o -> o.path("kind").asText().equals("NetworkPolicy")).toList();
        List<String> problems = new ArrayList<>();
        for (Flow flow : flows) {
            boolean through = allows(policies, flow, "Egress") && allows(policies, flow, "Ingress");
            if (through != flow.allowed()) {
                problems.add(flow + (flow.allowed() ? " is blocked, and must be let through"
                        : " is let through, and must be blocked"));
            }
        }
        return problems;
    }

    private static boolean allows(List<JsonNode> policies, Flow flow, String direction) {
        boolean egress = direction.equals("Egress");
        if (!((egress ? flow.from() : flow.to()) instanceof Pod subject)) {
            return true;
        }
        Endpoint peer = egress ? flow.to() : flow.from();
        boolean selected = false;
        for (JsonNode p : policies) {
            if (!namespaceOf(p).equals(subject.namespace()) || !matches(p.path("spec").path("podSelector"), subject.labels())
                    || !types(p).contains(direction)) {
                continue;
            }
            selected = true;
            for (JsonNode rule : p.path("spec").path(egress ? "egress" : "ingress")) {
                JsonNode peers = rule.path(egress ? "to" : "from");
                boolean peerMatches = peers.isMissingNode() || peers.isEmpty();
                for (JsonNode selector : peers) {
                    peerMatches |= peerMatches(selector, namespaceOf(p), peer);
                }
                if (peerMatches && portMatches(rule.path("ports"), flow)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static String namespaceOf(JsonNode policy) {
        return policy.path("metadata").path("namespace").asText("default");
    }

    private static List<String> types(JsonNode policy) {
        List<String> types = new ArrayList<>();
        policy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add("Ingress");
            if (policy.path("spec").has("egress")) {
                types.add("Egress");
            }
        }
        return types;
    }

    private static boolean peerMatches(JsonNode selector, String policyNamespace, Endpoint peer) {
        if (selector.has("ipBlock")) {
            return peer instanceof Outside outside && inCidr(outside.address(), selector.path("ipBlock").path("cidr").asText());
        }
        if (!(peer instanceof Pod pod)) {
            return false;
        }
        boolean namespaceOk = selector.has("namespaceSelector")
                ? matches(selector.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", pod.namespace()))
                : pod.namespace().equals(policyNamespace);
        boolean podOk = !selector.has("podSelector") || matches(selector.path("podSelector"), pod.labels());
        return namespaceOk && podOk;
    }

    private static boolean portMatches(JsonNode ports, Flow flow) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode port : ports) {
            if (!port.path("protocol").asText("TCP").equals(flow.protocol())) {
                continue;
            }
            if (port.path("port").isMissingNode()) {
                return true;
            }
            if (!port.path("port").isInt()) {
                throw new IllegalStateException("named port " + port.path("port") + ": give NetworkPolicy ports as numbers");
            }
            int from = port.path("port").asInt();
            int to = port.path("endPort").asInt(from);
            if (flow.port() >= from && flow.port() <= to) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: matchLabels and matchExpressions, all of them; empty selects everything. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalStateException("unknown selector operator " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String address, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] a = InetAddress.getByName(address).getAddress();
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            if (a.length != net.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            if (bits == 0) {
                return true;
            }
            int shift = a.length * 8 - bits;
            return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, net).shiftRight(shift));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address + " or " + cidr, e);
        }
    }
}
