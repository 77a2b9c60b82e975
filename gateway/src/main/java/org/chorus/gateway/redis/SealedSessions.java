package org.chorus.gateway.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * How a staff session's attributes (the security context, the access and refresh tokens, the CSRF token) are kept
 * in Redis: serialised, then sealed with AES-256-GCM under a key from configuration that never goes to Redis. A copy
 * of Redis (a backup, a replica, a leaked dump) holds no token, and whoever can write to Redis cannot forge a value.
 * Reading back admits only the types a session holds (the JDK's plain values and Spring Security's own classes), so
 * a value that is not one of them is refused before any of its code runs. A value that does not open (another key,
 * a tampered byte) reads as absent: the staff member signs in again.
 */
final class SealedSessions implements RedisSerializer<Object> {

    private static final Logger log = LoggerFactory.getLogger(SealedSessions.class);
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    static final ObjectInputFilter SESSION_TYPES = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=20000;maxbytes=1000000;maxarray=100000;"
                    + "java.lang.*;java.util.*;java.time.*;java.net.URL;java.net.URI;"
                    // the realm's metadata and claims, as the OAuth2 client keeps them
                    + "com.nimbusds.oauth2.sdk.util.OrderedJSONObject;net.minidev.json.JSONObject;net.minidev.json.JSONArray;"
                    + "org.springframework.security.**;!*");

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SealedSessions(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the session key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] serialize(Object value) {
        if (value == null) {
            return new byte[0];
        }
        try {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(plain)) {
                out.writeObject(value);
            }
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.toByteArray());
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (IOException | GeneralSecurityException e) {
            throw new SerializationException("A session value could not be sealed: " + e.getClass().getName());
        }
    }

    @Override
    public Object deserialize(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (bytes[0] != VERSION || bytes.length < 1 + NONCE + TAG_BITS / 8) {
            log.warn("A session value in Redis is not sealed by this gateway; it reads as absent");
            return null;
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE));
            plain = cipher.doFinal(bytes, 1 + NONCE, bytes.length - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            log.warn("A session value in Redis did not open ({}); it reads as absent", e.getClass().getName());
            return null;
        }
        String[] refused = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(plain))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = SESSION_TYPES.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) {
                    refused[0] = info.serialClass().getName();
                }
                return status;
            });
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            // sealed by us, so only a new version of a class can land here, or a type a session must not hold
            log.warn("A session value in Redis could not be read ({}{}); it reads as absent", e.getClass().getName(),
                    refused[0] == null ? "" : ", type refused: " + refused[0]);
            return null;
        }
    }
}
