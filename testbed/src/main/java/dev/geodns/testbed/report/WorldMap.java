package dev.geodns.testbed.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SVG world map of the HTML report: an equirectangular projection of the whole globe onto
 * {@value #WIDTH} x {@value #HEIGHT} units, land from the embedded Natural Earth 1:110m outline
 * (resource {@value #LAND_RESOURCE}, public domain; see LandResourceGenerator in the tests for its
 * provenance and how to regenerate it), and great-circle arcs split where they cross the
 * antimeridian. Thread-safe; the outline is read once.
 */
final class WorldMap {
    static final int WIDTH = 1000;
    static final int HEIGHT = 500;
    static final String LAND_RESOURCE = "/dev/geodns/testbed/report/land-110m.txt";
    private static volatile String landPath;

    private WorldMap() {
    }

    static double x(double lon) {
        return (lon + 180) / 360 * WIDTH;
    }

    static double y(double lat) {
        return (90 - lat) / 180 * HEIGHT;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The SVG path data of all land rings (one {@code M ... Z} per ring). */
    static String landPath() {
        String p = landPath;
        if (p == null) {
            StringBuilder sb = new StringBuilder();
            try (InputStream in = WorldMap.class.getResourceAsStream(LAND_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + LAND_RESOURCE);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    ring(sb, line.trim().split(" "));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p = sb.toString();
            landPath = p;
        }
        return p;
    }

    /**
     * Appends one land ring. The data is on the sphere, so a ring may cross the antimeridian (Russia,
     * Fiji) or go round a pole (Antarctica): longitudes are unwrapped so that the ring is continuous,
     * a ring round a pole is closed along that pole's edge of the map, and copies shifted by 360
     * degrees are drawn where the ring spills over an edge (the viewBox clips the rest).
     */
    private static void ring(StringBuilder sb, String[] pts) {
        List<double[]> ring = new ArrayList<>(pts.length + 2);
        double prev = Double.NaN;
        double offset = 0;
        for (String p : pts) {
            int comma = p.indexOf(',');
            double lon = Double.parseDouble(p.substring(0, comma));
            double lat = Double.parseDouble(p.substring(comma + 1));
            if (!Double.isNaN(prev)) {
                if (lon + offset - prev > 180) {
                    offset -= 360;
                } else if (lon + offset - prev < -180) {
                    offset += 360;
                }
            }
            prev = lon + offset;
            ring.add(new double[] {prev, lat});
        }
        double turn = ring.get(ring.size() - 1)[0] - ring.get(0)[0];
        if (Math.abs(turn) > 180) {
            double poleLat = ring.stream().mapToDouble(p -> p[1]).average().orElse(0) < 0 ? -90 : 90;
            ring.add(new double[] {ring.get(ring.size() - 1)[0], poleLat});
            ring.add(new double[] {ring.get(0)[0], poleLat});
        }
        double min = ring.stream().mapToDouble(p -> p[0]).min().orElse(0);
        double max = ring.stream().mapToDouble(p -> p[0]).max().orElse(0);
        for (int shift = -720; shift <= 720; shift += 360) {
            if (max + shift < -180 || min + shift > 180) {
                continue;
            }
            for (int i = 0; i < ring.size(); i++) {
                double[] p = ring.get(i);
                sb.append(i == 0 ? 'M' : 'L').append(num(x(p[0] + shift))).append(',').append(num(y(p[1])));
            }
            sb.append('Z');
        }
    }

    /**
     * The viewBox {x, y, width, height} showing every point ({lat, lon}) with a margin, at the map's
     * 2:1 aspect ratio, at least {@value #MIN_LON_SPAN} degrees wide, within the world.
     */
    static double[] fit(List<double[]> points) {
        if (points.isEmpty()) {
            return new double[] {0, 0, WIDTH, HEIGHT};
        }
        double latMin = 90;
        double latMax = -90;
        double lonMin = 180;
        double lonMax = -180;
        for (double[] p : points) {
            latMin = Math.min(latMin, p[0]);
            latMax = Math.max(latMax, p[0]);
            lonMin = Math.min(lonMin, p[1]);
            lonMax = Math.max(lonMax, p[1]);
        }
        // Room for labels: more across than up and down, as labels are wide.
        double latMargin = 5;
        double lonMargin = 6 + 0.08 * (lonMax - lonMin);
        latMin -= latMargin;
        latMax += latMargin;
        lonMin -= lonMargin;
        lonMax += lonMargin;
        double lonSpan = Math.max(MIN_LON_SPAN, Math.max(lonMax - lonMin, 2 * (latMax - latMin)));
        lonSpan = Math.min(360, lonSpan);
        double latSpan = lonSpan / 2;
        double lonMid = (lonMin + lonMax) / 2;
        double latMid = (latMin + latMax) / 2;
        double left = Math.max(-180, Math.min(180 - lonSpan, lonMid - lonSpan / 2));
        double top = Math.min(90, Math.max(-90 + latSpan, latMid + latSpan / 2));
        return new double[] {x(left), y(top), lonSpan / 360 * WIDTH, latSpan / 180 * HEIGHT};
    }

    /** The narrowest map, in degrees of longitude. */
    static final double MIN_LON_SPAN = 32;

    /** Graticule lines every 30 degrees, as SVG path data. */
    static String graticule() {
        StringBuilder sb = new StringBuilder();
        for (int lon = -150; lon <= 150; lon += 30) {
            sb.append('M').append(num(x(lon))).append(",0V").append(HEIGHT);
        }
        for (int lat = -60; lat <= 60; lat += 30) {
            sb.append("M0,").append(num(y(lat))).append('H').append(WIDTH);
        }
        return sb.toString();
    }

    /**
     * SVG path data of the great-circle arc between two points, in segments of at most a few
     * hundred km, broken where it crosses the antimeridian so that no line spans the map.
     */
    static String arc(double lat1, double lon1, double lat2, double lon2) {
        return pathData(arcPoints(lat1, lon1, lat2, lon2));
    }

    /**
     * The great-circle arc between two points as projected points {x, y, t, newStroke}: t runs from
     * 0 at the start to 1 at the end, and newStroke is 1 where the arc starts again on the other
     * side of the antimeridian.
     */
    static List<double[]> arcPoints(double lat1, double lon1, double lat2, double lon2) {
        List<double[]> pts = interpolate(lat1, lon1, lat2, lon2);
        List<double[]> out = new ArrayList<>(pts.size());
        double prevLon = Double.NaN;
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            boolean jump = !Double.isNaN(prevLon) && Math.abs(p[1] - prevLon) > 180;
            out.add(new double[] {x(p[1]), y(p[0]), pts.size() == 1 ? 0 : (double) i / (pts.size() - 1),
                jump ? 1 : 0});
            prevLon = p[1];
        }
        return out;
    }

    /** SVG path data of projected points as made by {@link #arcPoints}. */
    static String pathData(List<double[]> pts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            sb.append(i == 0 || p[3] != 0 ? 'M' : 'L').append(num(p[0])).append(',').append(num(p[1]));
        }
        return sb.toString();
    }

    /** Points along the great circle (spherical linear interpolation), endpoints included. */
    static List<double[]> interpolate(double lat1, double lon1, double lat2, double lon2) {
        double[] a = unit(lat1, lon1);
        double[] b = unit(lat2, lon2);
        double dot = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
        double omega = Math.acos(dot);
        int n = Math.max(1, (int) Math.ceil(Math.toDegrees(omega) / 3));
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double[] v;
            if (omega < 1e-9) {
                v = a;
            } else {
                double s = Math.sin(omega);
                double wa = Math.sin((1 - t) * omega) / s;
                double wb = Math.sin(t * omega) / s;
                v = new double[] {wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]};
            }
            double lat = Math.toDegrees(Math.atan2(v[2], Math.hypot(v[0], v[1])));
            double lon = Math.toDegrees(Math.atan2(v[1], v[0]));
            out.add(new double[] {lat, lon});
        }
        return out;
    }

    private static double[] unit(double lat, double lon) {
        double phi = Math.toRadians(lat);
        double lambda = Math.toRadians(lon);
        return new double[] {Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)};
    }
}
