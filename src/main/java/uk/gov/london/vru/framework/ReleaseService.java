package uk.gov.london.vru.framework;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;

/**
 * Finds releases by version expression and keeps each release's content ready to serve.
 *
 * <p>A release's content never changes, but its state does (deprecated, withdrawn) and so does what {@code latest}
 * names. Reads are the service's busiest path, so what a version expression resolves to is kept for a short time
 * ({@code vru.framework.release-state-ttl}, a second by default) instead of being read from the database on every
 * request. A change made through this instance clears it when the change commits, so this instance shows it at once;
 * other instances show it within that time.
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class ReleaseService {

    /** The version expression that names the newest published release. */
    public static final String LATEST = "latest";

    /** A release found for a request: its row as it stands now, and its content. */
    public record Resolved(ReleaseSummary summary, LoadedRelease content, boolean viaLatest) {
    }

    static final int MAX_TEXT = 200;

    private final Map<String, LoadedRelease> contentByHash = new ConcurrentHashMap<>();

    @Inject
    FrameworkConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private Cache<String, Resolved> resolved;

    @PostConstruct
    void init() {
        resolved = Caffeine.newBuilder().expireAfterWrite(config.releaseStateTtl()).maximumSize(1_000).build();
    }

    /** Forgets every resolved release when the current transaction, which changes releases, commits or ends. */
    @Transactional(TxType.MANDATORY)
    public void changing() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                resolved.invalidateAll();
            }
        });
    }

    /** Every release, newest version first. */
    public List<ReleaseSummary> list() {
        return FrameworkRelease.<FrameworkRelease>find("order by major desc, minor desc, patch desc")
                .stream().map(ReleaseSummary::of).toList();
    }

    /** The release a version expression names: {@code latest} or a semantic version. */
    public Resolved resolve(String expression) {
        Resolved known = resolved.getIfPresent(expression);
        if (known != null) {
            return known;
        }
        Resolved found = find(expression);
        resolved.put(expression, found);
        return found;
    }

    private Resolved find(String expression) {
        FrameworkRelease release;
        boolean latest = LATEST.equals(expression);
        if (latest) {
            release = FrameworkRelease.<FrameworkRelease>find(
                    "status = ?1 order by major desc, minor desc, patch desc", ReleaseStatus.PUBLISHED).firstResult();
            if (release == null) {
                throw ApiProblem.notFound("No release has been published yet.");
            }
        } else {
            if (SemanticVersion.parse(expression).isEmpty()) {
                throw ApiProblem.invalid("'" + expression + "' is neither a semantic version nor 'latest'.",
                        List.of(new FieldError("version", "invalid-version",
                                "Use MAJOR.MINOR.PATCH (for example 1.0.0) or 'latest'.")));
            }
            release = FrameworkRelease.find("version", expression).firstResult();
            if (release == null) {
                throw ApiProblem.notFound("There is no framework release " + expression + ".");
            }
        }
        FrameworkRelease found = release;
        LoadedRelease content = contentByHash.computeIfAbsent(found.contentHash,
                hash -> new LoadedRelease(found.version, hash, found.document));
        return new Resolved(ReleaseSummary.of(found), content, latest);
    }

    /** Programme outcomes of a release, filtered; every filter is optional. */
    public List<OutcomeView> outcomes(LoadedRelease release, String priorityArea, String level,
            String highLevelOutcome, String text) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (level != null && ReleaseDocument.Level.valueOfCode(level).isEmpty()) {
            errors.add(new FieldError("level", "invalid-value", "Use individual, organisational or community."));
        }
        checkCode("priorityArea", priorityArea, errors);
        checkCode("highLevelOutcome", highLevelOutcome, errors);
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("q", "too-long", "Search text is at most " + MAX_TEXT + " characters."));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The filters are not valid: see errors.", errors);
        }
        String needle = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
        return release.outcomes().stream()
                .filter(o -> priorityArea == null || o.priorityArea().equals(priorityArea))
                .filter(o -> level == null || o.level().equals(level))
                .filter(o -> highLevelOutcome == null || o.highLevelOutcome().equals(highLevelOutcome))
                .filter(o -> needle == null || o.title().toLowerCase(Locale.ROOT).contains(needle)
                        || o.code().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    private static void checkCode(String field, String value, List<FieldError> errors) {
        if (value != null && (value.length() > 64 || !ReleaseDocuments.CODE.matcher(value).matches())) {
            errors.add(new FieldError(field, "invalid-code",
                    "A code is upper-case letters and digits in dash-separated parts, for example RH-I01."));
        }
    }
}
