package dev.geodns.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public strict reader: line numbers, key paths, unknown keys, types, and the two dialects. */
class FieldsTest {
    private static final Dialect STRICT = new Dialect("the file is empty", "missing required key",
            "missing required key", "allowed here", "an integer", false);

    private static Fields root(String yaml, Problems problems) {
        return Fields.of(YamlReader.read(yaml, problems), "", problems);
    }

    private static List<String> errors(Problems problems) {
        return problems.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void bindsTypedValuesAndReportsEachProblemWithLineAndKeyPath() {
        Problems p = new Problems("f.yaml", Dialect.WORLD);
        Fields root = root("""
                name: lab
                sites:
                  - {id: a, ttl: 30, lat: 1.5, up: true, kind: big}
                  - id: b
                    ttl: -1
                    colour: red
                """, p);
        root.allow("name", "sites");
        assertThat(root.string("name")).isEqualTo("lab");
        List<Fields> sites = root.maps("sites", true);
        assertThat(sites).hasSize(2);
        Fields a = sites.get(0);
        assertThat(a.path()).isEqualTo("sites[0]");
        assertThat(a.whole("ttl", 0, 100)).isEqualTo(30L);
        assertThat(a.decimal("lat", -90, 90)).isEqualTo(1.5);
        assertThat(a.optBool("up", false)).isTrue();
        assertThat(a.choice("kind", Map.of("small", 1))).isNull();
        Fields b = sites.get(1);
        b.allow("id", "ttl");
        assertThat(b.whole("ttl", 0, 100)).isNull();
        assertThat(b.string("name")).isNull();
        assertThat(p.count()).isEqualTo(4);
        assertThat(errors(p)).containsExactly(
                "f.yaml:3: sites[0].kind: unknown kind 'big' (allowed: small)",
                "f.yaml:4: sites[1].name: required key is missing",
                "f.yaml:5: sites[1].ttl: must not be negative (got -1)",
                "f.yaml:6: sites[1].colour: unknown key (allowed: id, ttl)");
    }

    @Test
    void duplicateKeysAliasesAndExtraDocumentsAreErrorsNotGuesses() {
        Problems p = new Problems("f.yaml", Dialect.WORLD);
        Fields root = root("a: 1\nb: &x 2\nc: *x\na: 3\n---\nd: 4\n", p);
        assertThat(root.whole("a", 0, 9)).as("the first value wins").isEqualTo(1L);
        assertThat(errors(p)).containsExactly(
                "f.yaml:3: c: YAML aliases (*x) are not supported; write the value out",
                "f.yaml:4: a: duplicate key (first given at line 1)",
                "f.yaml:6: (root): only one YAML document is allowed per file");
    }

    @Test
    void theDialectWordsTheGenericErrorsAndDecidesWhetherNumbersMayStandForStrings() {
        String yaml = "country: NO\ncount: many\nflag: 5\nnothing: ~\n";
        Problems world = new Problems("w.yaml", Dialect.WORLD);
        Fields w = root(yaml, world);
        assertThat(w.string("country")).as("YAML 1.1 reads NO as a boolean; a world reads it as text").isEqualTo("NO");
        assertThat(w.string("flag")).isEqualTo("5");
        w.whole("count", 0, 9);
        w.string("nothing");
        w.allow("country");
        assertThat(errors(world)).containsExactly(
                "w.yaml:1: nothing: required, must not be null",
                "w.yaml:2: count: expected a whole number, got the string 'many'",
                "w.yaml:2: count: unknown key (allowed: country); did you mean 'country'?",
                "w.yaml:3: flag: unknown key (allowed: country)",
                "w.yaml:4: nothing: unknown key (allowed: country)");

        Problems scenario = new Problems("s.yaml", STRICT);
        Fields s = root(yaml, scenario);
        assertThat(s.string("flag")).isNull();
        s.integer("count");
        s.string("nothing");
        s.string("absent");
        assertThat(errors(scenario)).containsExactly(
                "s.yaml:1: nothing: missing required key",
                "s.yaml:1: absent: missing required key",
                "s.yaml:2: count: expected an integer, got the string 'many'",
                "s.yaml:3: flag: expected a string, got the number 5 (quote it)");
    }

    @Test
    void listsThatMayBeMissingOneOrMoreStringsAndNumbersWithoutBounds() {
        Problems p = new Problems("f.yaml", STRICT);
        Fields root = root("""
                one: fra
                many: [fra, 7, '', ams]
                notalist: {a: 1}
                n: 12345678901234567890
                x: 2.5
                """, p);
        assertThat(root.oneOrMore("one")).containsExactly("fra");
        assertThat(root.oneOrMore("many")).containsExactly("fra", "ams");
        assertThat(root.oneOrMore("absent")).isEmpty();
        assertThat(root.listOrNull("notalist", false)).isNull();
        assertThat(root.listOrNull("absent", false)).isEmpty();
        assertThat(root.listOrNull("absent", true)).isNull();
        assertThat(root.integer("n")).isNull();
        assertThat(root.number("x")).isEqualTo(2.5);
        assertThat(root.optNumber("absent", 1.0)).isEqualTo(1.0);
        root.error("a rule between keys");
        assertThat(errors(p)).containsExactly(
                "f.yaml:1: absent: missing required key",
                "f.yaml:1: (root): a rule between keys",
                "f.yaml:2: many[1]: expected a non-empty string, got the number 7",
                "f.yaml:2: many[2]: expected a non-empty string, got the string ''",
                "f.yaml:3: notalist: expected a list, got a map",
                "f.yaml:4: n: integer out of range");
    }

    /** The binder sketch of config/README.md, on a file with the two errors its comments show. */
    @Test
    void readmeBinderExample() {
        String text = "sites:\n  - {id: a, latitude: 1}\n  - id: b\n    latitude: 95\n";
        Problems problems = new Problems("lab.yaml", Dialect.WORLD);
        YamlNode tree = YamlReader.read(text, problems);
        Fields root = tree == null ? null : Fields.of(tree, "", problems);
        if (root != null) {
            root.allow("name", "sites");
            String name = root.string("name");
            assertThat(name).isNull();
            for (Fields site : root.maps("sites", true)) {
                if (site != null) {
                    site.allow("id", "latitude");
                    site.decimal("latitude", -90, 90);
                }
            }
        }
        WorldException e = catchThrowableOfType(WorldException.class, () -> problems.throwIfAny(WorldException::new));
        assertThat(e).hasMessage("lab.yaml:1: name: required key is missing\n"
                + "lab.yaml:4: sites[1].latitude: 95 is outside [-90, 90]");
    }

    @Test
    void emptyAndBrokenFilesAreReportedAndRejectedWithTheCallersException() {
        Problems empty = new Problems("e.yaml", Dialect.WORLD);
        assertThat(YamlReader.read("# only a comment\n", empty)).isNull();
        assertThat(errors(empty)).containsExactly(
                "e.yaml:1: (root): the file is empty (a world needs at least name, clouds and sites)");
        Problems broken = new Problems("b.yaml", STRICT);
        assertThat(YamlReader.read("a: [1\n", broken)).isNull();
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                () -> broken.throwIfAny(errors -> new IllegalStateException(errors.get(0).toString())));
        assertThat(e).hasMessageStartingWith("b.yaml:1: (root): YAML syntax error: while parsing a flow sequence");
    }

    @Test
    void anUnknownKeyCloseToAnAllowedOneNamesIt() {
        Problems world = new Problems("w.yaml", Dialect.WORLD);
        Fields w = root("latitdue: 1\nlongitude: 2\ncolour: red\n", world);
        w.allow("latitude", "longitude");
        assertThat(errors(world)).containsExactly(
                "w.yaml:1: latitdue: unknown key (allowed: latitude, longitude); did you mean 'latitude'?",
                "w.yaml:3: colour: unknown key (allowed: latitude, longitude)");
    }
}
