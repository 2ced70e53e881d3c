package dev.geodns.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The command line as a user meets it: {@code serve} in its own process, {@code check}, {@code explain}. */
class CliTest {
    private static Path resource(String name) throws Exception {
        return Path.of(CliTest.class.getResource(name).toURI());
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuiltAndHelpStillReachesEveryOne() {
        assertThat(Main.commandLine("serve").getSubcommands()).containsOnlyKeys("serve");
        assertThat(Main.commandLine("check").getSubcommands()).containsOnlyKeys("check");
        assertThat(Main.commandLine("help").getSubcommands())
                .containsOnlyKeys("serve", "check", "explain", "endpoints", "help");
        assertThat(Main.commandLine("--version").getSubcommands()).hasSize(5);

        CliRun helpCheck = CliRun.of("help", "check");
        assertThat(helpCheck.code()).isEqualTo(0);
        assertThat(helpCheck.out()).startsWith("Usage: geodns check");
        CliRun usage = CliRun.of("--help");
        assertThat(usage.out()).contains("serve", "check", "explain", "endpoints");
        CliRun unknown = CliRun.of("serv");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "serve");
    }

    @Test
    void checkAcceptsAGoodWorldAndSummarisesIt() throws Exception {
        CliRun r = CliRun.of("check", resource("/worlds/test-world.yaml").toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("OK").contains("2 clouds, 10 sites, 4 services, 2 tenants");
    }

    @Test
    void checkRejectsABadWorldWithFileLineKeyAndReason() throws Exception {
        Path bad = resource("/cli/broken-world.yaml");
        CliRun r = CliRun.of("check", bad.toString());
        assertThat(r.code()).isNotEqualTo(0);
        assertThat(r.err()).contains(bad + ":5: sites[0].latitude: ");
    }

    @Test
    void explainPrintsTheDecisionAsTextAndJson() {
        // sign-in honours ECS in the built-in world (Exchange is located by the resolver only)
        CliRun text = CliRun.of("explain", "login.microsoftonline.com", "--source", "127.0.2.1", "--ecs", "127.0.1.0/24");
        assertThat(text.code()).isEqualTo(0);
        assertThat(text.out()).contains("de-frankfurt.prd.aadg.trafficmanager.net.").contains("Frankfurt")
                .contains("ecsScope: 24");
        CliRun resolverOnly = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.2.1", "--ecs",
                "127.0.1.0/24");
        assertThat(resolverOnly.code()).isEqualTo(0);
        assertThat(resolverOnly.out()).contains("EAT-efz.ms-acdc.office.com.").contains("ECS_NOT_HONOURED")
                .contains("ecsScope: 0").contains("Seattle");
        CliRun json = CliRun.of("explain", "contoso.sharepoint.com", "--source", "127.0.4.1", "--json");
        assertThat(json.code()).isEqualTo(0);
        assertThat(json.out()).contains("\"policy\" : \"active\"").contains("\"site\" : \"us-boydton\"");
        CliRun bad = CliRun.of("explain", "outlook.office365.com", "--source", "not-an-ip");
        assertThat(bad.code()).isNotEqualTo(0);
    }

    @Test
    void serveRunsAsAProcessAnswersExtraZonesAndStopsCleanlyOnSigterm() throws Exception {
        try (ServeProcess serve = ServeProcess.start("serve", "--dns", "127.0.0.1:0", "--admin", "127.0.0.1:0",
                "--zone", resource("/cli/lab.example.zone").toString())) {
            String startup = serve.readUntil("dig @", 30);
            Matcher listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(startup);
            assertThat(listening.find()).as("start-up output: %s", startup).isTrue();
            int port = Integer.parseInt(listening.group(1));
            assertThat(port).as("start-up output: %s", startup).isPositive();
            assertThat(startup).contains("world 'office365'").contains("3 clouds").contains("dig @127.0.0.1");
            // The start-up line names the UDP transport: the recvmmsg loop from JDK 22, Netty and why before.
            assertThat(startup).contains(Runtime.version().feature() >= 22
                    ? "(UDP+TCP, UDP on IPv4 by recvmmsg threads, otherwise epoll)"
                    : "(UDP+TCP, epoll; no recvmmsg loop for UDP: needs JDK 22 or later, this is JDK 17)");

            SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
            r.setTimeout(Duration.ofSeconds(3));
            Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString("printer.lab.example."), Type.A, DClass.IN)));
            assertThat(m.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.42");
            Message wild = r.send(Message.newQuery(Record.newRecord(Name.fromString("pc1.hosts.lab.example."), Type.A, DClass.IN)));
            assertThat(wild.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.43");
            Message world = r.send(Message.newQuery(Record.newRecord(Name.fromString("outlook.office365.com."), Type.A, DClass.IN)));
            assertThat(world.getRcode()).isEqualTo(Rcode.NOERROR);

            // SIGTERM by PID (Process.destroy would also close our end of its output).
            assertThat(serve.terminate(15)).isTrue();
            assertThat(serve.allOutput()).contains("stopping");
            assertThat(serve.process().exitValue()).isIn(0, 143); // 143 = 128 + SIGTERM, as the JVM reports it
        }
    }

    @Test
    void noArgumentsIsAUsageErrorWithTheUsageOnStderr() {
        CliRun r = CliRun.of();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Missing required subcommand").contains("Usage: geodns").contains("serve");
    }

    @Test
    void versionIsThePomsVersion() throws Exception {
        CliRun r = CliRun.of("--version");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out().strip()).isEqualTo("GeoDNS Emulator " + pomVersion());
    }

    /** The version the project's pom declares (the server module's parent). */
    static String pomVersion() throws Exception {
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aDnsPortInUseOverTcpIsOneErrorLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("serve", "--dns", "127.0.0.1:" + port, "--admin", "127.0.0.1:0");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().lines()).containsExactly(
                    "error: cannot bind TCP 127.0.0.1:" + port + ": address already in use; choose another with --dns");
            assertThat(r.out()).doesNotContain("listening");
        }
    }

    @Test
    void aDnsPortInUseOverUdpIsOneErrorLine() throws Exception {
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(
                new InetSocketAddress("127.0.0.1", 0))) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("serve", "--dns", "127.0.0.1:" + port, "--admin", "127.0.0.1:0");
            assertThat(r.code()).isEqualTo(2);
            // Netty and the recvmmsg loop (errno) word it the same way.
            assertThat(r.err().lines()).singleElement().isEqualTo(
                    "error: cannot bind UDP 127.0.0.1:" + port + ": address already in use; choose another with --dns");
        }
    }

    @Test
    void anAdminPortInUseIsOneErrorLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("serve", "--dns", "127.0.0.1:0", "--admin", "127.0.0.1:" + port);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().lines()).containsExactly("error: cannot bind admin HTTP 127.0.0.1:" + port
                    + ": address already in use; choose another with --admin");
        }
    }

    @Test
    void explainShowsTheTopCandidatesAndJsonShowsAll() {
        CliRun text = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.2.1");
        assertThat(text.code()).isEqualTo(0);
        assertThat(occurrences(text.out(), "chosen: ")).isEqualTo(5);
        assertThat(text.out()).containsPattern("\\.\\.\\. \\d+ more, in preference order \\(--top 0 shows all\\)");
        CliRun two = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.2.1", "--top", "2");
        assertThat(occurrences(two.out(), "chosen: ")).isEqualTo(2);
        CliRun all = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.2.1", "--top", "0");
        int candidates = occurrences(all.out(), "chosen: ");
        assertThat(candidates).isGreaterThan(5);
        assertThat(all.out()).doesNotContain("more, in preference order");
        CliRun json = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.2.1", "--json");
        assertThat(occurrences(json.out(), "\"chosen\" : ")).isEqualTo(candidates);
        assertThat(CliRun.of("explain", "outlook.office365.com", "--source", "127.0.2.1", "--top", "-1").code())
                .isEqualTo(2);
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void serveWarnsAtStartWhenSighupIsIgnored() throws Exception {
        // As under nohup: the shell ignores SIGHUP and the JVM inherits that across exec.
        try (ServeProcess serve = ServeProcess.startAfter("trap '' HUP", "serve", "--dns", "127.0.0.1:0", "--admin",
                "127.0.0.1:0")) {
            assertThat(serve.readUntil("dig @", 30)).contains("warning: SIGHUP reload unavailable (SIGHUP is ignored"
                    + " in this process, as under nohup); use POST /reload");
        }
    }

    @Test
    void serveDoesNotWarnAboutSighupWhenItIsHandled() throws Exception {
        try (ServeProcess serve = ServeProcess.start("serve", "--dns", "127.0.0.1:0", "--admin", "127.0.0.1:0")) {
            assertThat(serve.readUntil("dig @", 30)).contains("dig @").doesNotContain("SIGHUP");
        }
    }

}
