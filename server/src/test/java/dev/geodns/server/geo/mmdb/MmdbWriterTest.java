package dev.geodns.server.geo.mmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads what the writer wrote with MaxMind's own low-level reader. */
@SuppressWarnings({"rawtypes", "unchecked"})
class MmdbWriterTest {
    private static final Place PARIS = new Place("Paris", "FR", Continent.EU, 48.8566, 2.3522);

    private static Reader read(byte[] db) throws Exception {
        return new Reader(new ByteArrayInputStream(db));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByAddress(Cidr.parseLiteral(literal));
    }

    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28, 32})
    void everyRecordSizeReadsBack(int bits) throws Exception {
        byte[] db = FixtureGenerator.writer().recordSize(bits).toByteArray();

        try (Reader reader = read(db)) {
            DatabaseRecord<Map> paris = reader.getRecord(ip("192.0.2.77"), Map.class);
            assertThat(paris.getNetwork().getPrefixLength()).isEqualTo(24);
            assertThat(map(map(map(paris.getData()).get("city")).get("names")).get("en")).isEqualTo("Paris");
            DatabaseRecord<Map> berlin = reader.getRecord(ip("2001:db8:aaaa::1"), Map.class);
            assertThat(berlin.getNetwork().getPrefixLength()).isEqualTo(48);
            assertThat(map(map(berlin.getData()).get("country")).get("iso_code")).isEqualTo("DE");
            assertThat(reader.getRecord(ip("203.0.113.200"), Map.class).getData()).isNull();
        }
    }

    @Test
    void recordSizeChangesOnlyTheTreeBytes() {
        int len24 = FixtureGenerator.writer().recordSize(24).toByteArray().length;
        int len28 = FixtureGenerator.writer().recordSize(28).toByteArray().length;
        int len32 = FixtureGenerator.writer().recordSize(32).toByteArray().length;

        // 6, 7 and 8 bytes per node: each step adds one byte per node.
        assertThat(len28 - len24).isPositive().isEqualTo(len32 - len28);
        assertThat(FixtureGenerator.generate()).hasSize(len24); // small databases pick 24 bits
    }

    @Test
    void metadataFollowsTheSpec() throws Exception {
        try (Reader reader = read(FixtureGenerator.generate())) {
            var m = reader.getMetadata();
            assertThat(m.getDatabaseType()).isEqualTo("GeoIP2-City");
            assertThat(m.getIpVersion()).isEqualTo(6);
            assertThat(m.getLanguages()).containsExactly("en");
            assertThat(m.getBinaryFormatMajorVersion()).isEqualTo(2);
            assertThat(m.getBinaryFormatMinorVersion()).isZero();
            assertThat(m.getBuildDate().toInstant()).isEqualTo(FixtureGenerator.BUILD_TIME);
            assertThat(m.getDescription()).containsKey("en");
        }
    }

    @Test
    void recordsHoldTheGeoIp2CityFields() throws Exception {
        try (Reader reader = read(new MmdbWriter().add(Cidr.parse("192.0.2.0/24"), PARIS).toByteArray())) {
            Map<String, Object> r = map(reader.get(ip("192.0.2.1"), Map.class));

            assertThat(r).containsOnlyKeys("city", "continent", "country", "location");
            assertThat(map(r.get("continent"))).containsEntry("code", "EU");
            assertThat(map(r.get("country"))).containsEntry("iso_code", "FR");
            assertThat(map(r.get("location"))).containsEntry("latitude", 48.8566).containsEntry("longitude", 2.3522);
        }
    }

    @Test
    void networksIterateAsWrittenWithNestedOnesSplittingTheirParent() throws Exception {
        try (Reader reader = read(FixtureGenerator.generate())) {
            List<String> networks = new ArrayList<>();
            Networks<Map> it = reader.networks(Map.class);
            while (it.hasNext()) {
                networks.add(it.next().getNetwork().toString());
            }

            assertThat(networks).containsExactlyInAnyOrder(
                    "192.0.2.0/24", "198.51.100.0/25", "198.51.100.128/26", "198.51.100.192/26",
                    "203.0.113.0/25", "2001:db8:aaaa:0:0:0:0:0/48", "2001:db8:bbbb:0:0:0:0:0/48");
        }
    }

    @Test
    void longStringsUseTheExtendedSizeEncodings() throws Exception {
        String medium = "m".repeat(200);    // 29 + one size byte
        String longer = "l".repeat(5000);   // 30 + two size bytes
        String huge = "h".repeat(70_000);   // 31 + three size bytes
        byte[] db = new MmdbWriter()
                .add(Cidr.parse("192.0.2.0/26"), new Place(medium, "FR", Continent.EU, 1, 1))
                .add(Cidr.parse("192.0.2.64/26"), new Place(longer, "FR", Continent.EU, 1, 1))
                .add(Cidr.parse("192.0.2.128/26"), new Place(huge, "FR", Continent.EU, 1, 1))
                .toByteArray();

        try (Reader reader = read(db)) {
            for (String[] c : new String[][] {{"192.0.2.1", medium}, {"192.0.2.65", longer}, {"192.0.2.129", huge}}) {
                Map<String, Object> r = map(reader.get(ip(c[0]), Map.class));
                assertThat(map(map(r.get("city")).get("names")).get("en")).isEqualTo(c[1]);
            }
        }
    }

    @Test
    void identicalRecordsAreStoredOnce() {
        Place parix = new Place("Parix", "FR", Continent.EU, 48.8566, 2.3522); // same size, other bytes
        byte[] same = new MmdbWriter().buildTime(Instant.EPOCH)
                .add(Cidr.parse("192.0.2.0/25"), PARIS).add(Cidr.parse("198.51.100.0/25"), PARIS).toByteArray();
        byte[] different = new MmdbWriter().buildTime(Instant.EPOCH)
                .add(Cidr.parse("192.0.2.0/25"), PARIS).add(Cidr.parse("198.51.100.0/25"), parix).toByteArray();

        // Same tree either way; only the second record's bytes (over 50 of them) are extra.
        assertThat(different.length - same.length).isGreaterThan(50);
    }

    @Test
    void aNetworkAddedTwiceIsRefused() {
        MmdbWriter w = new MmdbWriter().add(Cidr.parse("192.0.2.0/24"), PARIS);
        assertThatThrownBy(() -> w.add(Cidr.parse("192.0.2.0/24"), PARIS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.0/24");
        assertThatThrownBy(() -> w.recordSize(20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeSpaceAndUint64EpochWork() throws Exception {
        byte[] db = new MmdbWriter().buildTime(Instant.ofEpochSecond(4_000_000_000L))
                .add(Cidr.parse("::/0"), PARIS).toByteArray();
        try (Reader reader = read(db)) {
            assertThat(reader.getMetadata().getBuildDate().toInstant().getEpochSecond()).isEqualTo(4_000_000_000L);
            // The root is always a node, so the whole space is stored as its two halves: readers report /1.
            assertThat(reader.getRecord(ip("2001:db8::1"), Map.class).getNetwork().getPrefixLength()).isEqualTo(1);
            assertThat(reader.getRecord(ip("8000::1"), Map.class).getData()).isNotNull();
        }
    }
}
