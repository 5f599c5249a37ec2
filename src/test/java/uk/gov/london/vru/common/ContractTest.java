package uk.gov.london.vru.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.testsupport.Api;

/** The contract file is what the service serves at /q/openapi, and what its resources implement. */
@QuarkusTest
class ContractTest {

    private static final ObjectMapper YAML = new YAMLMapper();

    private static JsonNode contract() throws IOException {
        return YAML.readTree(Api.CONTRACT.toFile());
    }

    @Test
    void theServedDocumentIsTheContractFile() throws IOException {
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        JsonNode servedTree = YAML.readTree(served);
        JsonNode contract = contract();
        for (String part : new String[] { "info", "paths", "components", "tags", "servers" }) {
            java.util.List<String> differences = new java.util.ArrayList<>();
            diff(part, contract.get(part), servedTree.get(part), differences);
            assertEquals(java.util.List.of(), differences, "served /q/openapi differs from the file in " + part);
        }
    }

    @Test
    void theServiceImplementsExactlyTheOperationsOfTheContract() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : contract().get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        Set<String> implemented = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = Stream.of(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                        .filter(java.util.Objects::nonNull).map(HttpMethod::value).findFirst().orElse(null);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    implemented.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        assertFalse(implemented.isEmpty());
        assertEquals(documented, implemented, "operations in openapi/openapi.yaml vs JAX-RS resources");
    }

    /** Paths at which two trees differ (numbers compare by value: YAML 1 and 1.0 are the same number). */
    private static void diff(String at, JsonNode expected, JsonNode actual, java.util.List<String> out) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                out.add(at + ": " + expected + " vs " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> diff(at + "." + name, expected.get(name), actual.get(name), out));
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(at + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(at + ": " + expected + " vs " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": " + expected + " vs " + actual);
        }
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The service's own resources: every @Path class compiled from src/main/java. */
    private static Set<Class<?>> resourceClasses() throws IOException {
        Path classes = Path.of("target", "classes");
        Set<Class<?>> resources = new java.util.HashSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, ContractTest.class.getClassLoader());
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        resources.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable on its own (for example a synthetic class): not a resource
                }
            }
        }
        return resources;
    }
}
