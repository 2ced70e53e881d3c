package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCaTest {
    @TempDir
    Path dir;

    @Test
    void isMadeOnceAndLoadedAfterwards() throws Exception {
        LabCa first = LabCa.openOrCreate(dir);
        assertThat(first.created()).isTrue();
        assertThat(first.certificatePath()).exists();
        assertThat(first.truststorePath()).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabCa.KEY_FILE))))
                .isEqualTo("rw-------");
        LabCa second = LabCa.openOrCreate(dir);
        assertThat(second.created()).isFalse();
        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(first.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void issuesServerCertificatesItSignedForTheGivenNames() throws Exception {
        LabCa.openOrCreate(dir);
        LabCa ca = LabCa.openOrCreate(dir); // the loaded key signs too
        LabCa.Issued issued = ca.issue(List.of("outlook.office365.com", "*.ms-acdc.office.com"),
                List.of(InetAddress.getByName("127.64.0.1")));
        X509Certificate cert = issued.certificate();
        cert.verify(ca.certificate().getPublicKey());
        cert.checkValidity();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList())
                .containsExactly("outlook.office365.com", "*.ms-acdc.office.com", "127.64.0.1");
    }
}
