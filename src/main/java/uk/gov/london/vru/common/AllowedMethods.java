package uk.gov.london.vru.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The methods each path allows, read from the contract the service serves ({@code META-INF/openapi.yaml}), for
 * the {@code Allow} header of a 405 answer; and the contract's version, for the API's index.
 */
@Singleton
public class AllowedMethods {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private record Route(Pattern path, Set<String> methods) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final String contractVersion;

    AllowedMethods() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/openapi.yaml")) {
            JsonNode contract = new YAMLMapper().readTree(in);
            contractVersion = contract.path("info").path("version").asText();
            JsonNode paths = contract.path("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                Set<String> methods = new TreeSet<>();
                path.getValue().fieldNames().forEachRemaining(name -> {
                    if (METHODS.contains(name)) {
                        methods.add(name.toUpperCase(Locale.ROOT));
                    }
                });
                if (methods.contains("GET")) {
                    methods.add("HEAD");
                }
                String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
                routes.add(new Route(Pattern.compile(regex), methods));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The contract META-INF/openapi.yaml cannot be read", e);
        }
    }

    /** The contract's version ({@code info.version}). */
    public String contractVersion() {
        return contractVersion;
    }

    /** The value of an {@code Allow} header for this path: the methods of the first contract path it matches. */
    public String allowed(String requestPath) {
        return routes.stream().filter(route -> route.path().matcher(requestPath).matches()).findFirst()
                .map(route -> String.join(", ", route.methods())).orElse("");
    }
}
