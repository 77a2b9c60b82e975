package org.chorus.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps every kept-alive connection to a Chorus application read. Reactor Netty 1.3.6 (the version used here) can stop
 * reading one for good: a request that arrives before the previous request's handling has terminated is queued, and
 * when it is then answered at once, nothing asks the connection for the next request (reactor-netty #4347 and #4361,
 * fixed after 1.3.8, the newest release that resolves here). The client's next request on it waits until the client
 * gives up. It happens under load: 64 kept-alive connections on this 2-core machine stalled 142 times in 20 s
 * ({@code KeepAliveReadsTest}). That is the loopback stall the tests had met for months, and in production a reader's
 * 504 after the ingress's 60 s, on the ingress's pooled connections to the gateway and the gateway's to the services,
 * the more often the busier they are: in a surge most of all.
 * <p>
 * {@code reactor.netty.http.server.lastFlushWhenNoRead} has the server terminate the previous request's handling when
 * the next request arrives (its last packet is already sent) instead of queueing the new one, and send an answer's
 * last packet when the read ends rather than at once. It is a system property because Reactor Netty reads it once,
 * when its HTTP server classes load: setting it here, before the web server starts, is early enough. An operator's own
 * {@code -D} setting wins; {@code chorus.web.keep-alive-reads=false} leaves Reactor Netty's default, for a benchmark to
 * compare. Drop this class once Reactor Netty is upgraded past the fix.
 */
class KeepAliveReads implements EnvironmentPostProcessor {

    static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, environment.getProperty("chorus.web.keep-alive-reads", "true"));
        }
    }
}
