package uk.gov.london.vru.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Supplies local stand-ins for the two external services, in the dev and test profiles only, when nobody
 * configured the real ones: an embedded MariaDB ({@link EmbeddedMariaDb}) unless {@code quarkus.datasource.jdbc.url}
 * is set, and a development identity provider ({@link DevIdentityProvider}) unless {@code quarkus.oidc.auth-server-url}
 * is set. Each can be turned off ({@code vru.embedded-database.enabled}, {@code vru.dev-identity.enabled}). The
 * production profile never starts either.
 */
public class LocalServicesConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String OIDC_URL = "quarkus.oidc.auth-server-url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test")) {
            return List.of();
        }
        String profile = profiles.contains("test") ? "test" : "dev";
        Map<String, String> values = new HashMap<>();
        if (!"false".equalsIgnoreCase(value(context, "vru.embedded-database.enabled"))
                && value(context, JDBC_URL) == null) {
            EmbeddedMariaDb.Connection db = EmbeddedMariaDb.start(profile);
            values.put(JDBC_URL, db.jdbcUrl());
            values.put("quarkus.datasource.username", db.appUser());
            values.put("quarkus.datasource.password", db.appPassword());
            values.put("quarkus.liquibase.username", db.ownerUser());
            values.put("quarkus.liquibase.password", db.ownerPassword());
        }
        if (!"false".equalsIgnoreCase(value(context, "vru.dev-identity.enabled")) && value(context, OIDC_URL) == null) {
            String port = value(context, "vru.dev-identity.port");
            values.put(OIDC_URL, DevIdentityProvider.start("test".equals(profile) || port == null ? 0
                    : Integer.parseInt(port)));
        }
        return values.isEmpty() ? List.of() : Set.of(new MapBackedConfigSource("vru-local-services", values, 200) {
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
