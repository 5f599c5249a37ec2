package uk.gov.london.vru.security;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.ProblemType;

/**
 * The body limit for bodies sent without a {@code Content-Length} (chunked), which {@link BodyLimit} cannot judge
 * before reading: the body is counted as it is read, and the request refused with 413 once it passes the limit.
 * Without this, a 3 MiB chunked body was accepted where a 3 MiB body with a length was refused.
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    @Inject
    BodyLimit limits;

    @Context
    UriInfo uri;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String path = uri.getPath();
        long limit = limits.limitFor(path.startsWith("/") ? path : "/" + path);
        context.setInputStream(new Counted(context.getInputStream(), limit));
        return context.proceed();
    }

    /** Fails the request once more than the limit has been read. */
    static final class Counted extends FilterInputStream {

        private final long limit;
        private long read;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the " + limit
                        + " bytes this service accepts here.");
            }
        }
    }
}
