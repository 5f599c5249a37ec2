package uk.gov.london.vru.common;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.framework.PreparedBytes;
import uk.gov.london.vru.framework.Representations;

/**
 * The API's index: where a client starts, with links to the main resources. Its bytes are made once, at the first
 * request, because they change only with a new version of the service. (The benchmark suite also uses it as the
 * trivial endpoint the framework reads are compared with.)
 */
@Path("/api/v1")
@PermitAll
public class ApiIndexResource {

    /** The index, as the contract describes it. */
    public record ApiIndex(String name, String apiVersion, Map<String, String> links) {
    }

    @Inject
    AllowedMethods contract;

    @Inject
    ObjectMapper mapper;

    @Inject
    Representations representations;

    @Context
    Request request;

    private volatile PreparedBytes index;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response index() {
        PreparedBytes prepared = index;
        if (prepared == null) {
            prepared = prepare();
        }
        return representations.bytes(request, prepared.bytes(), MediaType.APPLICATION_JSON,
                Representations.Caching.REVALIDATE, prepared.hash()).build();
    }

    private synchronized PreparedBytes prepare() {
        if (index != null) {
            return index;
        }
        Map<String, String> links = new LinkedHashMap<>();
        links.put("releases", "/api/v1/framework/releases");
        links.put("latestRelease", "/api/v1/framework/releases/latest");
        links.put("events", "/api/v1/framework/events");
        links.put("boroughs", "/api/v1/reference/boroughs");
        links.put("openapi", "/q/openapi");
        links.put("documentation", "/q/swagger-ui");
        try {
            index = PreparedBytes.of(mapper.writeValueAsBytes(new ApiIndex("VRU Outcomes API",
                    contract.contractVersion(), links)));
            return index;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
