package uk.gov.london.vru.framework;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP caching of framework representations: a strong ETag that is the SHA-256 of the bytes sent, {@code 304} for a
 * matching {@code If-None-Match}, and a {@code Cache-Control} that says whether the bytes can ever change.
 */
@ApplicationScoped
public class Representations {

    /** How long a representation may be reused. */
    public enum Caching {
        /** A published release addressed by its version: the bytes never change. */
        IMMUTABLE,
        /** Anything that can change (lists, {@code latest}): reuse only after revalidating with the ETag. */
        REVALIDATE
    }

    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("public, no-cache");

    @Inject
    ObjectMapper mapper;

    /** Serialises {@code body} as JSON and answers with it, or with 304 when the caller's copy is current. */
    public Response.ResponseBuilder json(Request request, Object body, Caching caching) {
        try {
            return bytes(request, mapper.writeValueAsBytes(body), "application/json", caching, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers with prepared bytes, whose ETag is the hash given or else computed. */
    public Response.ResponseBuilder bytes(Request request, byte[] bytes, String mediaType, Caching caching, String contentHash) {
        return send(request, () -> bytes, mediaType, null, caching, contentHash);
    }

    /**
     * Answers with the bytes supplied (asked for only when they are sent) in the content coding named (null for
     * identity), or 304 when the caller's copy is current.
     */
    private static Response.ResponseBuilder send(Request request, java.util.function.Supplier<byte[]> bytes,
            String mediaType, String encoding, Caching caching, String contentHash) {
        EntityTag tag = new EntityTag(contentHash != null ? contentHash : ReleaseDocuments.contentHash(bytes.get()));
        CacheControl cacheControl = caching == Caching.IMMUTABLE ? IMMUTABLE : REVALIDATE;
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : Response.ok(bytes.get(), mediaType).encoding(encoding);
        return builder.tag(tag).cacheControl(cacheControl);
    }

    /**
     * Answers with a prepared representation in the gzip content coding when the request accepts it
     * ({@code Accept-Encoding}), else as it is; each coding has its own strong ETag, and {@code Vary} says the answer
     * depends on {@code Accept-Encoding}.
     */
    public Response.ResponseBuilder prepared(Request request, String acceptEncoding, PreparedBytes prepared,
            String mediaType, Caching caching) {
        boolean gzip = PreparedBytes.acceptsGzip(acceptEncoding);
        return send(request, gzip ? prepared::gzip : prepared::bytes, mediaType, gzip ? "gzip" : null, caching,
                prepared.tag(gzip)).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }

    /** The caching a release representation gets: immutable only for a published release named by its version. */
    public static Caching cachingFor(ReleaseService.Resolved release) {
        return !release.viaLatest() && release.summary().status() == ReleaseStatus.PUBLISHED ? Caching.IMMUTABLE
                : Caching.REVALIDATE;
    }
}
