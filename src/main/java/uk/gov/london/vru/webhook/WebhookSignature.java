package uk.gov.london.vru.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How deliveries are signed, and how a receiver checks them (this class has no dependencies: copy it).
 *
 * <p>{@code Webhook-Signature: sha256=<hex>}, where hex is the lowercase hexadecimal HMAC-SHA256 of
 * {@code <Webhook-Timestamp> + "." + <body>} keyed with the subscription's secret (its characters as UTF-8, as
 * returned when the subscription was created: do not decode it).
 */
public final class WebhookSignature {

    /** The prefix of the signature header's value. */
    public static final String SCHEME = "sha256=";

    private WebhookSignature() {
    }

    /** The {@code Webhook-Signature} header value for a body sent at {@code timestamp} (Unix seconds). */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** True when {@code signature} (the header's value) signs this body and timestamp with this secret. */
    public static boolean verify(String secret, long timestamp, String body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /**
     * As {@link #verify(String, long, String, String)}, and the timestamp is within {@code tolerance} of
     * {@code now}: refuses replays of old deliveries.
     */
    public static boolean verify(String secret, long timestamp, String body, String signature, Duration tolerance,
            Instant now) {
        return Math.abs(now.getEpochSecond() - timestamp) <= tolerance.getSeconds()
                && verify(secret, timestamp, body, signature);
    }
}
