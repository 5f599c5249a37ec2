package uk.gov.london.vru.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The 33 local authorities of Greater London (ONS codes E09000001 to E09000033), from reference/london-boroughs.yaml. */
@Singleton
public class Boroughs {

    /** One borough. */
    public record Borough(String code, String name) {
    }

    private final Map<String, Borough> byCode = new LinkedHashMap<>();

    Boroughs() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("reference/london-boroughs.yaml")) {
            List<Borough> boroughs = new YAMLMapper().readValue(in, new TypeReference<List<Borough>>() {
            });
            boroughs.forEach(borough -> byCode.put(borough.code(), borough));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Borough> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Borough> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }
}
