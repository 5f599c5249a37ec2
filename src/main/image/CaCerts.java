import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Writes the Java runtime's trust store from the base image's own CA bundle (Debian's ca-certificates), so that
 * the JVM trusts exactly what the operating system trusts: {@code java CaCerts.java BUNDLE.pem OUT-KEYSTORE}.
 * Run by build-base-image.sh; the store is PKCS12 with the JDK's customary password "changeit" (a trust store
 * holds public certificates only, so the password protects nothing secret).
 */
public class CaCerts {

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(bundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("no certificates in " + bundle);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            X509Certificate x509 = (X509Certificate) certificate;
            String alias = String.format("debian-%03d-%s", index++,
                    x509.getSubjectX500Principal().getName().replaceAll("[^A-Za-z0-9=,.-]", "_").toLowerCase());
            store.setCertificateEntry(alias, x509);
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            store.store(os, "changeit".toCharArray());
        }
        System.out.println(certificates.size() + " certificates written to " + out);
    }
}
