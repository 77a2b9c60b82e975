package org.chorus.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What stands between the reader and the gateway. By default nothing is trusted: the connection's own peer is the
 * client and every {@code Forwarded}/{@code X-Forwarded-*} header a request brings is dropped, because anyone can
 * write them. A deployment behind a load balancer or ingress says how many proxies add themselves to
 * {@code X-Forwarded-For}, and may name the networks they connect from.
 *
 * @param hops     how many trusted proxies append to {@code X-Forwarded-For} (0: none, the headers are ignored); the
 *                 client is the entry that many places from the right, as the entries left of it are the client's
 *                 own words
 * @param networks the addresses (CIDRs, e.g. {@code 10.0.0.0/8}, {@code fd00::/8}) the nearest proxy connects from;
 *                 when given, forwarded headers are believed only on connections from them. Needs {@code hops}
 * @param tls      the reader's connection is TLS whatever the headers say (a TLS-terminating proxy that sends no
 *                 {@code X-Forwarded-Proto}): links, redirects and cookies are made for https
 */
@ConfigurationProperties("chorus.edge.proxies")
public record ProxyProperties(
        @DefaultValue("0") int hops,
        @DefaultValue List<String> networks,
        @DefaultValue("false") boolean tls) {

    public ProxyProperties {
        if (hops < 0) {
            throw new IllegalArgumentException("chorus.edge.proxies.hops must be 0 or more, not " + hops);
        }
        networks = networks == null ? List.of() : List.copyOf(networks);
        if (!networks.isEmpty() && hops == 0) {
            throw new IllegalArgumentException("chorus.edge.proxies.networks is set but chorus.edge.proxies.hops is 0: "
                    + "say how many proxies append to X-Forwarded-For");
        }
        networks.forEach(IpAddresses::network);
    }
}
