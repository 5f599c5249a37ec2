package uk.gov.london.vru.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.io.ByteArrayInputStream;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.util.Values;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A release as SKOS, by content negotiation, parsed back with a real RDF library. */
@QuarkusTest
class SkosApiTest {

    static Model parse(Response response, RDFFormat format) throws Exception {
        return Rio.parse(new ByteArrayInputStream(response.asByteArray()), "", format);
    }

    @Test
    void turtleAndJsonLdDescribeTheSameConceptScheme() throws Exception {
        Response turtle = api().accept("text/turtle").get("/api/v1/framework/releases/1.0.0");
        turtle.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/turtle"));
        Response jsonLd = api().accept("application/ld+json").get("/api/v1/framework/releases/1.0.0");
        jsonLd.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/ld+json"));
        Model fromTurtle = parse(turtle, RDFFormat.TURTLE);
        Model fromJsonLd = parse(jsonLd, RDFFormat.JSONLD);
        assertTrue(Models.isomorphic(fromTurtle, fromJsonLd));
        assertEquals(1, fromTurtle.filter(null, RDF.TYPE, SKOS.CONCEPT_SCHEME).subjects().size());
        var outcome = fromTurtle.filter(null, SKOS.NOTATION, Values.literal("RH-I01")).subjects().iterator().next();
        var parent = Models.objectIRI(fromTurtle.filter(outcome, SKOS.BROADER, null)).orElseThrow();
        assertEquals("RH-H01", Models.objectLiteral(fromTurtle.filter(parent, SKOS.NOTATION, null)).orElseThrow()
                .getLabel());
        api().get("/api/v1/framework/releases/1.0.0").then().statusCode(200).contentType("application/json");
    }
}
