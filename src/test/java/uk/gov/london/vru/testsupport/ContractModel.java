package uk.gov.london.vru.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The contract's operations, parameters, bodies and schemas, read from {@code openapi/openapi.yaml}. */
public final class ContractModel {

    /** A request body media type with its schema and examples. */
    public record Body(String mediaType, JsonNode schema, List<JsonNode> examples) {
    }

    /** A parameter, resolved. */
    public record Parameter(String name, String in, boolean required, JsonNode schema, JsonNode example) {
    }

    /** One operation. */
    public record Operation(String method, String path, List<Parameter> parameters, List<Body> bodies,
            Set<String> statuses) {

        public String key() {
            return method.toUpperCase() + " " + path;
        }

        public boolean hasParameter(String name, String in) {
            return parameters.stream().anyMatch(p -> p.name().equals(name) && p.in().equals(in));
        }
    }

    private final JsonNode root;

    private ContractModel(JsonNode root) {
        this.root = root;
    }

    public static ContractModel load() {
        try {
            return new ContractModel(new YAMLMapper().readTree(Api.CONTRACT.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation that writes: PUT, POST, PATCH and DELETE, in the contract's order. */
    public List<Operation> writeOperations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("put", "post", "patch", "delete")) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(operation(method, path.getKey(), path.getValue(), operation));
                }
            }
        }
        return operations;
    }

    private Operation operation(String method, String path, JsonNode pathItem, JsonNode operation) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode list : new JsonNode[] { pathItem.get("parameters"), operation.get("parameters") }) {
            if (list != null) {
                for (JsonNode parameter : list) {
                    JsonNode p = resolve(parameter);
                    parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(),
                            p.path("required").asBoolean(false), resolve(p.path("schema")), p.get("example")));
                }
            }
        }
        List<Body> bodies = new ArrayList<>();
        JsonNode requestBody = operation.has("requestBody") ? resolve(operation.get("requestBody")) : null;
        if (requestBody != null) {
            for (Iterator<Map.Entry<String, JsonNode>> media = requestBody.path("content").fields(); media.hasNext();) {
                Map.Entry<String, JsonNode> entry = media.next();
                List<JsonNode> examples = new ArrayList<>();
                if (entry.getValue().has("example")) {
                    examples.add(entry.getValue().get("example"));
                }
                entry.getValue().path("examples").forEach(example -> examples.add(resolve(example).get("value")));
                bodies.add(new Body(entry.getKey(), resolve(entry.getValue().path("schema")), examples));
            }
        }
        Set<String> statuses = new java.util.TreeSet<>();
        operation.path("responses").fieldNames().forEachRemaining(statuses::add);
        return new Operation(method, path, parameters, bodies, statuses);
    }

    /** The node a {@code $ref} names (followed until it is not a reference), or the node itself. */
    public JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = root;
            for (String part : parts) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    /**
     * A schema's properties, with {@code allOf} merged and references resolved: name to schema. Empty for a schema
     * that is not an object.
     */
    public Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode resolved = resolve(schema);
        if (resolved == null) {
            return properties;
        }
        resolved.path("allOf").forEach(part -> properties.putAll(properties(part)));
        resolved.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), resolve(e.getValue())));
        return properties;
    }

    /** The schema's required property names, with {@code allOf} merged. */
    public Set<String> required(JsonNode schema) {
        Set<String> required = new java.util.LinkedHashSet<>();
        JsonNode resolved = resolve(schema);
        if (resolved != null) {
            resolved.path("allOf").forEach(part -> required.addAll(required(part)));
            resolved.path("required").forEach(name -> required.add(name.asText()));
        }
        return required;
    }

    /** The schema's type: its {@code type}, or "object" when it has properties. */
    public String type(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved == null) {
            return "any";
        }
        if (resolved.has("type")) {
            return resolved.get("type").asText();
        }
        return resolved.has("properties") || resolved.has("allOf") ? "object" : "any";
    }

    /** Every property name any schema of the contract declares, for "known but misplaced" fields. */
    public List<String> allPropertyNames() {
        Set<String> names = new java.util.TreeSet<>();
        root.path("components").path("schemas").forEach(schema -> properties(schema).keySet().forEach(names::add));
        return List.copyOf(names);
    }

    public static ObjectNode object() {
        return new YAMLMapper().createObjectNode();
    }
}
