package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The authoritative-server behaviours (RFC 1034/1035/2308/6891), over the wire with dnsjava's SimpleResolver. */
class DnsBehaviourTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Message ask(String name, int type) throws IOException {
        return server.query(name, type);
    }

    /** The records of a section, without the OPT pseudo-record. */
    private static List<Record> section(Message m, int section) {
        return m.getSection(section).stream().filter(r -> r.getType() != Type.OPT).toList();
    }

    @Test
    void authoritativeAnswerSetsAaClearsRaAndCopiesRd() throws IOException {
        Message withRd = ask("www.example.org", Type.A);
        assertThat(withRd.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(withRd.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(withRd.getHeader().getFlag(Flags.RA)).isFalse();
        assertThat(withRd.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(section(withRd, Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.10");

        Message query = Message.newQuery(Record.newRecord(Name.fromString("www.example.org."), Type.A, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message withoutRd = server.resolver().send(query);
        assertThat(withoutRd.getHeader().getFlag(Flags.RD)).isFalse();
        assertThat(withoutRd.getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void nameOutsideOurZonesIsRefused() throws IOException {
        Message m = ask("www.example.net", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(section(m, Section.ANSWER)).isEmpty();
        assertThat(ask("com", Type.NS).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void nxdomainCarriesSoaWithNegativeTtl() throws IOException {
        Message m = ask("nope.example.org", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        List<Record> authority = section(m, Section.AUTHORITY);
        assertThat(authority).hasSize(1);
        SOARecord soa = (SOARecord) authority.get(0);
        assertThat(soa.getName()).isEqualTo(Name.fromString("example.org."));
        assertThat(soa.getTTL()).isEqualTo(300); // min(SOA TTL 3600, MINIMUM 300)
    }

    @Test
    void nodataCarriesSoa() throws IOException {
        Message m = ask("www.example.org", Type.MX);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(section(m, Section.ANSWER)).isEmpty();
        assertThat(section(m, Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void generatedZoneNegativeTtlIsMinOfSoaTtlAndMinimum() throws IOException {
        Message m = ask("nothing-here.office365.com", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        SOARecord soa = (SOARecord) section(m, Section.AUTHORITY).get(0);
        assertThat(soa.getTTL()).isEqualTo(60);
        assertThat(soa.getHost()).isEqualTo(Name.fromString("ns1.geodns.example."));
    }

    @Test
    void everyApexHasSoaAndNsWithGlue() throws IOException {
        for (String apex : List.of("office365.com", "office.com", "sharepoint.com", "outlook.cn")) {
            Message soa = ask(apex, Type.SOA);
            assertThat(section(soa, Section.ANSWER)).as(apex).singleElement().isInstanceOf(SOARecord.class);
            Message ns = ask(apex, Type.NS);
            assertThat(section(ns, Section.ANSWER)).as(apex).extracting(r -> ((NSRecord) r).getTarget().toString())
                    .containsExactly("ns1.geodns.example.", "ns2.geodns.example.");
            assertThat(section(ns, Section.ADDITIONAL)).as(apex).extracting(Record::rdataToString)
                    .contains("127.0.0.1", "0:0:0:0:0:0:0:1");
        }
        Message zoneFileNs = ask("example.org", Type.NS);
        assertThat(section(zoneFileNs, Section.ADDITIONAL)).extracting(Record::rdataToString)
                .containsExactlyInAnyOrder("192.0.2.53", "2001:db8:0:0:0:0:0:53");
    }

    @Test
    void cnameChainInsideOurZonesIsFollowedInOneAnswer() throws IOException {
        Message m = ask("alias2.example.org", Type.A);
        assertThat(section(m, Section.ANSWER)).extracting(Record::getType, r -> r.getName().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Type.CNAME, "alias2.example.org."),
                        org.assertj.core.groups.Tuple.tuple(Type.CNAME, "alias.example.org."),
                        org.assertj.core.groups.Tuple.tuple(Type.A, "www.example.org."));
    }

    @Test
    void qtypeCnameGetsOnlyTheCname() throws IOException {
        Message m = ask("alias2.example.org", Type.CNAME);
        assertThat(section(m, Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((CNAMERecord) r).getTarget()).isEqualTo(Name.fromString("alias.example.org.")));
    }

    @Test
    void cnameOutOfOurZonesEndsTheChain() throws IOException {
        Message m = ask("outside.example.org", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(section(m, Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((CNAMERecord) r).getTarget()).isEqualTo(Name.fromString("www.example.net.")));
    }

    @Test
    void cnameLoopStopsWithoutHanging() throws IOException {
        Message m = ask("loop1.example.org", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(section(m, Section.ANSWER)).hasSize(2).allMatch(r -> r.getType() == Type.CNAME);
    }

    @Test
    void wildcardSynthesizesTheAskedName() throws IOException {
        Message m = ask("anything.wild.example.org", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(section(m, Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getName()).isEqualTo(Name.fromString("anything.wild.example.org."));
            assertThat(r.rdataToString()).isEqualTo("192.0.2.99");
        });
        Message deeper = ask("a.b.wild.example.org", Type.TXT);
        assertThat(section(deeper, Section.ANSWER)).singleElement().isInstanceOf(TXTRecord.class);
        Message nodata = ask("x.wild.example.org", Type.MX);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(section(nodata, Section.ANSWER)).isEmpty();
        assertThat(section(nodata, Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void delegationIsAnsweredAsReferralWithGlue() throws IOException {
        for (String name : List.of("www.sub.example.org", "sub.example.org", "deep.below.sub.example.org")) {
            Message m = ask(name, Type.A);
            assertThat(m.getRcode()).as(name).isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).as(name).isFalse();
            assertThat(section(m, Section.ANSWER)).as(name).isEmpty();
            assertThat(section(m, Section.AUTHORITY)).as(name).singleElement()
                    .satisfies(r -> assertThat(((NSRecord) r).getTarget()).isEqualTo(Name.fromString("ns.sub.example.org.")));
            assertThat(section(m, Section.ADDITIONAL)).as(name).extracting(Record::rdataToString).containsExactly("192.0.2.153");
        }
    }

    @Test
    void emptyNonTerminalIsNodataNotNxdomain() throws IOException {
        for (String name : List.of("deep.example.org", "c.deep.example.org", "b.c.deep.example.org")) {
            Message m = ask(name, Type.A);
            assertThat(m.getRcode()).as(name).isEqualTo(Rcode.NOERROR);
            assertThat(section(m, Section.ANSWER)).as(name).isEmpty();
            assertThat(section(m, Section.AUTHORITY)).as(name).singleElement().isInstanceOf(SOARecord.class);
        }
        assertThat(ask("a.b.c.deep.example.org", Type.A).getSection(Section.ANSWER)).hasSize(1);
        assertThat(ask("x.c.deep.example.org", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void namesMatchCaseInsensitively() throws IOException {
        Message m = ask("WwW.ExAmPlE.OrG", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getQuestion().getName().toString()).isEqualTo("WwW.ExAmPlE.OrG.");
        assertThat(section(m, Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.10");
    }

    @Test
    void ednsReplyCarriesOptWithOurPayloadSizeOnlyWhenAsked() throws IOException {
        SimpleResolver r = server.resolver();
        r.setEDNS(0, 4096, 0, List.of());
        OPTRecord opt = TestServer.query(r, "www.example.org", Type.A).getOPT();
        assertThat(opt).isNotNull();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getVersion()).isZero();

        SimpleResolver plain = server.resolver();
        plain.setEDNS(-1);
        assertThat(TestServer.query(plain, "www.example.org", Type.A).getOPT()).isNull();
    }

    @Test
    void unknownEdnsOptionsAreIgnoredAndNsidIsAnswered() throws IOException {
        SimpleResolver r = server.resolver();
        r.setEDNS(0, 1232, 0, List.of(new GenericEDNSOption(65001, new byte[] {1, 2, 3}), new NSIDOption(new byte[0])));
        Message m = TestServer.query(r, "www.example.org", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        List<EDNSOption> nsid = m.getOPT().getOptions(EDNSOption.Code.NSID);
        assertThat(nsid).singleElement().satisfies(o ->
                assertThat(new String(o.toWire(), java.nio.charset.StandardCharsets.UTF_8)).endsWith("test-server-1"));
        assertThat(m.getOPT().getOptions(65001)).isEmpty();
    }

    @Test
    void unknownEdnsVersionGetsBadvers() throws IOException {
        SimpleResolver r = server.resolver();
        r.setEDNS(-1); // dnsjava only speaks version 0: put our own OPT with version 1 in the query
        Message q = Message.newQuery(Record.newRecord(Name.fromString("www.example.org."), Type.A, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);
        Message m = r.send(q);
        assertThat(m.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(m.getOPT()).isNotNull();
        assertThat(m.getOPT().getVersion()).isZero();
        assertThat(section(m, Section.ANSWER)).isEmpty();
    }

    @Test
    void udpAnswerTooBigIsTruncatedAndTcpGetsItWhole() throws IOException {
        SimpleResolver udp512 = server.resolver();
        udp512.setEDNS(-1);
        udp512.setIgnoreTruncation(true);
        Message truncated = TestServer.query(udp512, "big.example.org", Type.TXT);
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(section(truncated, Section.ANSWER)).isEmpty();

        SimpleResolver edns = server.resolver();
        edns.setEDNS(0, 1232, 0, List.of());
        edns.setIgnoreTruncation(true);
        Message fits = TestServer.query(edns, "big.example.org", Type.TXT);
        assertThat(fits.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(section(fits, Section.ANSWER)).hasSize(6);
        Message tooBig = TestServer.query(edns, "huge.example.org", Type.TXT);
        assertThat(tooBig.getHeader().getFlag(Flags.TC)).isTrue();

        SimpleResolver tcp = server.resolver();
        tcp.setTCP(true);
        Message whole = TestServer.query(tcp, "huge.example.org", Type.TXT);
        assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(section(whole, Section.ANSWER)).hasSize(7);
        Message bigOverTcp = TestServer.query(tcp, "big.example.org", Type.TXT);
        assertThat(section(bigOverTcp, Section.ANSWER)).hasSize(6);
    }

    @Test
    void anyGetsAMinimalAnswer() throws IOException {
        Message multi = ask("www.example.org", Type.ANY);
        assertThat(section(multi, Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r).isInstanceOf(HINFORecord.class);
            assertThat(((HINFORecord) r).getCPU()).isEqualTo("RFC8482");
        });
        Message single = ask("mx.example.org", Type.ANY);
        assertThat(section(single, Section.ANSWER)).singleElement().isInstanceOf(ARecord.class);
        Message cname = ask("alias.example.org", Type.ANY);
        assertThat(section(cname, Section.ANSWER)).singleElement().isInstanceOf(CNAMERecord.class);
    }

    @Test
    void chaosVersionAndIdAreAnswered() throws IOException {
        for (String[] pair : new String[][] {{"version.server.", "GeoDNS Emulator test"}, {"id.server.", "test-server-1"},
                {"version.bind.", "GeoDNS Emulator test"}, {"hostname.bind.", "test-server-1"}}) {
            Message q = Message.newQuery(Record.newRecord(Name.fromString(pair[0]), Type.TXT, DClass.CH));
            Message m = server.resolver().send(q);
            assertThat(m.getRcode()).as(pair[0]).isEqualTo(Rcode.NOERROR);
            assertThat(section(m, Section.ANSWER)).as(pair[0]).singleElement()
                    .satisfies(r -> assertThat(((TXTRecord) r).getStrings()).containsExactly(pair[1]));
        }
        Message other = server.resolver().send(Message.newQuery(
                Record.newRecord(Name.fromString("authors.bind."), Type.TXT, DClass.CH)));
        assertThat(other.getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void opcodeOtherThanQueryIsNotImplemented() throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("www.example.org."), Type.A, DClass.IN));
        q.getHeader().setOpcode(Opcode.NOTIFY);
        Message m = server.resolver().send(q);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void zoneFileCnameIntoAServiceFollowsTheServiceRouting() throws IOException {
        Message m = TestServer.query(server.resolver("127.0.1.1"), "mailhost.example.org", Type.A);
        List<Record> answer = section(m, Section.ANSWER);
        assertThat(answer.get(0).getName()).isEqualTo(Name.fromString("mailhost.example.org."));
        assertThat(answer).filteredOn(r -> r.getType() == Type.CNAME).extracting(r -> ((CNAMERecord) r).getTarget().toString())
                .contains("outlook.office365.com.", "FRA-efz.ms-acdc.office.com.");
        assertThat(answer).filteredOn(r -> r.getType() == Type.A).hasSize(4);
    }

    @Test
    void regionalNamesCarryFourAandFourAaaa() throws IOException {
        Message a = ask("sin-efz.ms-acdc.office.com", Type.A);
        assertThat(section(a, Section.ANSWER)).hasSize(4).allMatch(r -> r instanceof ARecord && r.getTTL() == 10);
        Message aaaa = ask("SIN-EFZ.ms-acdc.office.com", Type.AAAA);
        assertThat(section(aaaa, Section.ANSWER)).hasSize(4).allMatch(r -> r instanceof AAAARecord);
    }
}
