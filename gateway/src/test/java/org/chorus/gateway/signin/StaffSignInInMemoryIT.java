package org.chorus.gateway.signin;

/** One gateway: sessions, and the tokens in them, in memory. */
class StaffSignInInMemoryIT extends StaffSignInFlow {
}
