/**
 * Staff sign-in with the gateway as backend-for-frontend: the realm registration read when first needed, tokens
 * kept in the session and refreshed before they are relayed, and GET /api/me.
 */
package org.chorus.gateway.signin;
