package uk.gov.london.vru.common;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Supplies the datasource of the dev and test profiles from an embedded MariaDB when nobody configured one.
 *
 * <p>The rule: the embedded database starts only when the active profile is {@code dev} or {@code test},
 * {@code vru.embedded-database.enabled} is not {@code false}, and no {@code quarkus.datasource.jdbc.url} is set
 * (for example through {@code QUARKUS_DATASOURCE_JDBC_URL}). The production profile never starts it, and the
 * production build does not even contain it (see {@code quarkus.class-loading.removed-artifacts}).
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "vru.embedded-database.enabled";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest || "false".equalsIgnoreCase(value(context, ENABLED)) || value(context, JDBC_URL) != null) {
            return List.of();
        }
        String profile = profiles.contains("test") ? "test" : "dev";
        EmbeddedMariaDb.Connection db = EmbeddedMariaDb.start(profile);
        return Set.of(new MapBackedConfigSource("vru-embedded-mariadb", Map.of(
                JDBC_URL, db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password()), 200) {
        });
    }

    private static String value(ConfigSourceContext context, String name) {
        for (String profile : context.getProfiles()) {
            ConfigValue profiled = context.getValue("%" + profile + "." + name);
            if (profiled != null && profiled.getValue() != null) {
                return profiled.getValue();
            }
        }
        ConfigValue plain = context.getValue(name);
        return plain == null ? null : plain.getValue();
    }
}
