package dev.geodns.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the inherited SIGHUP disposition from a Linux process status file. */
class HupSignalTest {
    @TempDir
    Path dir;

    private Path status(String sigIgn) throws Exception {
        return Files.writeString(dir.resolve("status"), "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t" + sigIgn
                + "\nSigCgt:\t0000000100004000\n");
    }

    @Test
    void bitZeroOfSigIgnIsSighup() throws Exception {
        assertThat(HupSignal.ignoredByInheritance(status("0000000000000001"))).isTrue();
        assertThat(HupSignal.ignoredByInheritance(status("0000000000001001"))).isTrue();
        assertThat(HupSignal.ignoredByInheritance(status("0000000000001000"))).isFalse(); // SIGPIPE only
        assertThat(HupSignal.ignoredByInheritance(status("0000000000000002"))).isFalse(); // SIGINT only
    }

    @Test
    void aMissingOrStrangeFileMeansWeCannotTell() throws Exception {
        assertThat(HupSignal.ignoredByInheritance(dir.resolve("absent"))).isFalse();
        assertThat(HupSignal.ignoredByInheritance(status("zz"))).isFalse();
    }
}
