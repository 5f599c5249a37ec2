package uk.gov.london.vru.common;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * When the embedded database may start. Only the refusals are tested here (they return before starting anything);
 * that dev and test do start it is shown by every HTTP test, which runs against it.
 */
class LocalServicesConfigSourceFactoryTest {

    private static ConfigSourceContext context(List<String> profiles, Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return profiles;
            }
        };
    }

    private static boolean starts(List<String> profiles, Map<String, String> values) {
        return new LocalServicesConfigSourceFactory().getConfigSources(context(profiles, values)).iterator()
                .hasNext();
    }

    @Test
    void productionNeverStartsAnEmbeddedDatabase() {
        assertFalse(starts(List.of("prod"), Collections.emptyMap()));
        assertFalse(starts(List.of("prod"), Map.of("vru.embedded-database.enabled", "true")));
        assertFalse(starts(List.of(), Collections.emptyMap()));
    }

    @Test
    void configuredServicesAreUsedInstead() {
        assertFalse(starts(List.of("test"), Map.of("quarkus.datasource.jdbc.url", "jdbc:mariadb://db:3306/vru",
                "quarkus.oidc.auth-server-url", "https://login.example/realms/vru")));
        assertFalse(starts(List.of("dev"), Map.of("%dev.quarkus.datasource.jdbc.url", "jdbc:mariadb://db/vru",
                "%dev.quarkus.oidc.auth-server-url", "https://login.example/realms/vru")));
    }

    @Test
    void theyCanBeTurnedOff() {
        assertFalse(starts(List.of("dev"), Map.of("vru.embedded-database.enabled", "false",
                "vru.dev-identity.enabled", "false")));
    }
}
