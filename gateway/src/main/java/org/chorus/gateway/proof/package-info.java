/**
 * Proof-of-work on anonymous writes (sharing a story, reporting one, subscribing), in place of a third-party CAPTCHA:
 * the gateway hands out ALTCHA-compatible challenges, the reader's browser solves one on our own origin, and the
 * gateway checks the answer before the write reaches a service. Nothing about the reader leaves Chorus, and a person
 * never has to pick traffic lights; a program sending thousands of stories pays for each one in CPU.
 */
package org.chorus.gateway.proof;
