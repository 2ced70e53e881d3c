package dev.geodns.testbed.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTML report rendered by a real browser (headless Chromium, Debian package {@code chromium}):
 * the screenshot shows the map's sea and land, with labels, lines and markers in many colours, not a
 * blank page.
 * Skipped without Chromium, except under CI (environment variable {@code CI} set), where it fails.
 * Screenshots are kept in {@code target/map-screenshots/} for a look.
 */
class MapBrowserTest {
    private static final int SEA = 0xdbe9f4;
    private static final int LAND = 0xf4f1ea;
    private static final int DRAINED = 0xc62828;

    @ParameterizedTest
    @CsvSource({"vpn-shift, all", "outage, all", "outage, 1"})
    void chromiumDrawsTheMap(String scenario, String frame) throws Exception {
        Path chromium = chromium();
        String html = ReportFormat.HTML.render(MapSvgTest.run(scenario));
        if (!frame.equals(MapSvg.ALL)) {
            // The page has no script; pick the round the way a click on its button would.
            html = html.replace(" checked=\"checked\"", "").replace("id=\"map-frame-" + frame + "\"",
                    "id=\"map-frame-" + frame + "\" checked=\"checked\"");
        }
        Path dir = Files.createDirectories(Path.of("target", "map-screenshots"));
        Path page = dir.resolve(scenario + "-" + frame + ".html").toAbsolutePath();
        Path png = dir.resolve(scenario + "-" + frame + ".png").toAbsolutePath();
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("geodns-chromium");
        try {
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
                    "--window-size=1400,1000", page.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(scenario + "-" + frame + ".log").toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("chromium did not finish within 120 s");
            }
            assertThat(p.exitValue()).as("chromium's exit code").isZero();
        } finally {
            deleteTree(profile);
        }
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);

        // The map is where the sea is: its bounding box.
        int left = img.getWidth();
        int top = img.getHeight();
        int right = -1;
        int bottom = -1;
        long sea = 0;
        long land = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb == SEA) {
                    sea++;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
                land += rgb == LAND ? 1 : 0;
            }
        }
        long pixels = (long) img.getWidth() * img.getHeight();
        assertThat(sea).as("sea pixels").isGreaterThan(pixels / 20);
        assertThat(land).as("land pixels").isGreaterThan(pixels / 20);
        assertThat(right - left).as("map width in pixels").isGreaterThan(800);
        assertThat(bottom - top).as("map height in pixels").isGreaterThan(400);
        Set<Integer> colours = new HashSet<>();
        long red = 0;
        long dark = 0;
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                red += near(rgb, DRAINED) ? 1 : 0;
                dark += ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 110 ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("distinct colours in the map (paths, markers, text)").isGreaterThan(300);
        assertThat(dark).as("dark pixels in the map (labels, DNS questions)").isGreaterThan(400);
        if (scenario.equals("vpn-shift") || !frame.equals(MapSvg.ALL)) {
            // vpn-shift: the poor (red) VPN paths; outage round 1: the red mark on the drained site
            assertThat(red).as("red pixels in the map").isGreaterThan(40);
        }
    }

    private static boolean near(int rgb, int target) {
        int dr = ((rgb >> 16) & 0xff) - ((target >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((target >> 8) & 0xff);
        int db = (rgb & 0xff) - (target & 0xff);
        return Math.abs(dr) < 24 && Math.abs(dg) < 24 && Math.abs(db) < 24;
    }

    /** Chromium on PATH or in /usr/bin; without it the test is skipped, or fails under CI. */
    private static Path chromium() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.add("/usr/bin");
        for (String d : dirs) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(d.isEmpty() ? "." : d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String why = "chromium not found on PATH or in /usr/bin: install the Debian package 'chromium'"
                + " (apt-get install -y chromium)";
        if (inCi()) {
            fail("CI must install chromium for the browser test of the HTML map (" + why + ")");
        }
        Assumptions.abort("skipped: " + why);
        throw new IllegalStateException("unreachable");
    }

    private static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
