package dev.geodns.testbed.resolvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting, checking and stopping a real resolver process. */
class ResolverProcessTest {
    static final InetSocketAddress NOWHERE = new InetSocketAddress(Lab.ip("127.0.0.1"), 5399);

    @Test
    void missingBinaryNamesTheDebianPackage() {
        ResolverSpec spec = ResolverSpec.of(ResolverKind.PDNS_RECURSOR, Lab.ip("127.0.9.53"), NOWHERE, List.of("example.com"))
                .withBinary(Path.of("/nonexistent/pdns_recursor"));
        assertThatThrownBy(() -> ResolverProcess.start(spec))
                .isInstanceOf(ResolverUnavailableException.class)
                .hasMessageContaining("apt-get install -y pdns-recursor")
                .satisfies(e -> assertThat(((ResolverUnavailableException) e).debianPackage()).isEqualTo("pdns-recursor"));
    }

    @Test
    void startedResolverIsStoppedByPidAndItsDirectoryRemoved() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            ResolverProcess p = lab.start(lab.spec(ResolverKind.UNBOUND, "127.0.9.53"));
            Path dir = p.directory();
            assertThat(p.isAlive()).isTrue();
            assertThat(p.configFile()).isAbsolute().exists();
            assertThat(Files.readString(p.configFile())).isEqualTo(p.configText());
            ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();

            // unbound's own checker accepts the generated config.
            Path checker = Executables.onPath("unbound-checkconf");
            if (checker != null) {
                Process check = new ProcessBuilder(checker.toString(), p.configFile().toString())
                        .redirectErrorStream(true).start();
                assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
            }

            // Its address is taken now: a second instance there is refused before it starts.
            assertThatThrownBy(() -> ResolverProcess.start(p.spec()))
                    .isInstanceOf(IOException.class).hasMessageContaining("127.0.9.53:53 is in use");

            p.close();
            assertThat(handle.isAlive()).isFalse();
            assertThat(p.isAlive()).isFalse();
            assertThat(dir).doesNotExist();
            p.close(); // idempotent
        }
    }

    @Test
    void resolverThatExitsAtOnceFailsTheStartWithItsStatus() {
        ResolverSpec spec = ResolverSpec.of(ResolverKind.UNBOUND, Lab.ip("127.0.9.55"), NOWHERE, List.of("example.com"))
                .withPort(5300)
                .withBinary(Path.of("/bin/false"));
        assertThatThrownBy(() -> ResolverProcess.start(spec))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unbound exited with status 1 during start-up");
    }
}
