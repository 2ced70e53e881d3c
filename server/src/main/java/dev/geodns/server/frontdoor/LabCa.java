package dev.geodns.server.frontdoor;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's certificate authority: made on first start (EC P-256, ten years) and kept in the state
 * directory as {@value #CA_FILE} (give it to {@code curl --cacert}), {@value #KEY_FILE} (owner-only)
 * and {@value #TRUSTSTORE_FILE} (a PKCS#12 trust store, password {@value #TRUSTSTORE_PASSWORD}, for a
 * JVM); later starts load it. It issues the front doors' server certificate afresh at every start.
 * Trust it only for the lab: it can vouch for any name.
 */
public final class LabCa {
    public static final String CA_FILE = "lab-ca.pem";
    public static final String KEY_FILE = "lab-ca.key";
    public static final String TRUSTSTORE_FILE = "lab-ca-truststore.p12";
    public static final String TRUSTSTORE_PASSWORD = "changeit";

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final boolean created;

    /** A server key and its certificate chain (server first, then the CA). */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    }

    private LabCa(Path dir, PrivateKey key, X509Certificate certificate, boolean created) {
        this.dir = dir;
        this.key = key;
        this.certificate = certificate;
        this.created = created;
    }

    /** Loads the CA kept in {@code dir}, or makes one there (creating the directory). */
    public static LabCa openOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path caFile = dir.resolve(CA_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (Files.exists(caFile) && Files.exists(keyFile)) {
            LabCa ca = new LabCa(dir, readKey(keyFile), readCertificate(caFile), false);
            if (!Files.exists(dir.resolve(TRUSTSTORE_FILE))) {
                ca.writeTruststore();
            }
            return ca;
        }
        Files.createDirectories(dir);
        KeyPair pair = newKeyPair();
        String suffix = HexFormat.of().formatHex(randomBytes(3));
        X500Name name = new X500Name("CN=GeoDNS Emulator lab CA " + suffix + ",O=GeoDNS Emulator lab");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(b, pair.getPrivate());
            writePem(keyFile, new JcaPKCS8Generator(pair.getPrivate(), null), true);
            writePem(caFile, cert, false);
            LabCa ca = new LabCa(dir, pair.getPrivate(), cert, true);
            ca.writeTruststore();
            return ca;
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make the lab CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate file, for {@code curl --cacert}. */
    public Path certificatePath() {
        return dir.resolve(CA_FILE);
    }

    /** The PKCS#12 trust store holding the CA, for {@code -Djavax.net.ssl.trustStore}. */
    public Path truststorePath() {
        return dir.resolve(TRUSTSTORE_FILE);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** True when this start made the CA (false when it was loaded). */
    public boolean created() {
        return created;
    }

    /**
     * A server certificate for {@code dnsNames} (wildcards allowed) and {@code addresses}, valid from a
     * day ago for 397 days, with a fresh EC P-256 key.
     */
    public Issued issue(List<String> dnsNames, List<InetAddress> addresses) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        List<GeneralName> sans = new ArrayList<>();
        dnsNames.forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
        addresses.forEach(a -> sans.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(397))),
                    new X500Name("CN=" + (dnsNames.isEmpty() ? "geodns front door" : dnsNames.get(0))
                            + ",O=GeoDNS Emulator lab"), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(new GeneralName[0])))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            return new Issued(pair.getPrivate(), sign(b, key), certificate);
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot issue the front doors' certificate: " + e.getMessage(), e);
        }
    }

    private void writeTruststore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("geodns-lab-ca", certificate);
        Path tmp = dir.resolve(TRUSTSTORE_FILE + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            store.store(out, TRUSTSTORE_PASSWORD.toCharArray());
        }
        Files.move(tmp, dir.resolve(TRUSTSTORE_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** Writes {@code object} as PEM through a temporary file; a secret is owner-only from its first byte. */
    private static void writePem(Path file, Object object, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system: the directory's own protection applies
            }
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + " holds no private key");
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder);
            }
            throw new IOException(file + " holds no certificate");
        }
    }
}
