package uk.gov.london.vru.framework;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A representation that never changes, ready to send: its bytes, its strong entity tag, and its gzip content coding,
 * made once on the first request that accepts it and kept. A published release is 57 kB of JSON that compresses to
 * about a quarter; serving the stored gzip bytes costs no more than serving the identity bytes.
 */
public final class PreparedBytes {

    /** The suffix that makes the gzip coding's entity tag differ from the identity coding's (RFC 9110 §8.8.3.3). */
    public static final String GZIP_TAG_SUFFIX = "-gzip";

    private final byte[] bytes;
    private final String hash;
    private volatile byte[] gzip;

    /** {@code bytes} (not copied: callers must not change them) with their hash, {@code sha256:<hex>}. */
    public PreparedBytes(byte[] bytes, String hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    public static PreparedBytes of(byte[] bytes) {
        return new PreparedBytes(bytes, ReleaseDocuments.contentHash(bytes));
    }

    /** The identity bytes; callers must not change them. */
    public byte[] bytes() {
        return bytes;
    }

    /** The hash of the identity bytes, {@code sha256:<hex>}: the identity coding's entity tag. */
    public String hash() {
        return hash;
    }

    /** The entity tag of the coding sent: the hash, with {@link #GZIP_TAG_SUFFIX} for gzip. */
    public String tag(boolean gzipped) {
        return gzipped ? hash + GZIP_TAG_SUFFIX : hash;
    }

    /** The gzip coding of the bytes, at the best compression (made once, so its cost does not recur). */
    public byte[] gzip() {
        byte[] made = gzip;
        if (made == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            try (GZIPOutputStream stream = new GZIPOutputStream(out) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                stream.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            made = out.toByteArray();
            gzip = made;
        }
        return made;
    }

    /**
     * Whether an {@code Accept-Encoding} field value (RFC 9110 §12.5.3) accepts gzip: {@code gzip}, {@code x-gzip}
     * or {@code *} with a weight above zero, an explicit {@code gzip} weight taking precedence over {@code *}.
     * Absent or empty, it does not (identity is always acceptable, so the plain bytes are the safe answer).
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                        && parameter.charAt(1) == '=') {
                    try {
                        weight = Double.parseDouble(parameter.substring(2).trim());
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? weight : Math.max(gzip, weight);
            } else if (coding.equals("*")) {
                any = weight;
            }
        }
        double weight = gzip != null ? gzip : any != null ? any : 0;
        return weight > 0;
    }
}
