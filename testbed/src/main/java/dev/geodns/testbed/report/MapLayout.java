package dev.geodns.testbed.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the map draws each marker and its label: markers at (nearly) the same place are spread on a
 * small ring around their places, and every label gets the nearest free spot around its marker,
 * with a leader line when it had to move away. Deterministic: the same marks in the same order give
 * the same layout. Coordinates are SVG user units of the map.
 */
final class MapLayout {
    /** What a marker stands for. */
    enum Kind { SITE, RESOLVER, CLIENT }

    /** A thing to show: its key (e.g. {@code client:berlin}), its label and its projected place. */
    record Mark(String key, Kind kind, String label, double x, double y) {
    }

    /** An axis-aligned box. */
    record Box(double x, double y, double w, double h) {
        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        double overlapArea(Box o) {
            double dx = Math.min(x + w, o.x + o.w) - Math.max(x, o.x);
            double dy = Math.min(y + h, o.y + o.h) - Math.max(y, o.y);
            return dx > 0 && dy > 0 ? dx * dy : 0;
        }

        boolean inside(Box o) {
            return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
        }
    }

    /**
     * A placed mark: the marker's centre ({@code mx, my}; moved off its place when it shares it),
     * its label box, the label's baseline start, and the leader line's ends when the label is not
     * next to the marker (else {@code leader} is false).
     */
    record Placed(Mark mark, double mx, double my, Box marker, Box label, double textX, double textY,
            double textWidth, boolean leader, double leaderX1, double leaderY1, double leaderX2, double leaderY2) {
        /** True when the marker is drawn away from its place (a spoke then joins the two). */
        boolean moved() {
            return Math.abs(mx - mark.x) > 1e-9 || Math.abs(my - mark.y) > 1e-9;
        }
    }

    /** The eight directions a label may take, east first, as unit vectors (SVG y grows downwards). */
    private static final double[][] DIRECTIONS;

    static {
        DIRECTIONS = new double[8][];
        for (int i = 0; i < 8; i++) {
            double a = Math.toRadians(i * 45);
            DIRECTIONS[i] = new double[] {Math.cos(a), Math.sin(a)};
        }
    }

    /** Direction preference of a mark alone: east, west, then the diagonals, then north and south. */
    private static final int[] ALONE_ORDER = {0, 4, 7, 1, 5, 3, 6, 2};
    private static final int RINGS = 8;

    private final Map<String, Placed> placed = new LinkedHashMap<>();
    private final double unit;

    private MapLayout(double unit) {
        this.unit = unit;
    }

    /**
     * Lays out {@code marks} in {@code view} ({x, y, width, height}); {@code unit} is the size of one
     * screen pixel-ish unit at this zoom and {@code fontSize} the labels' size, both in user units.
     */
    static MapLayout of(List<Mark> marks, double[] view, double unit, double fontSize) {
        MapLayout layout = new MapLayout(unit);
        layout.place(marks, new Box(view[0], view[1], view[2], view[3]), fontSize);
        return layout;
    }

    /** The placed marks, in the order given. */
    List<Placed> placed() {
        return List.copyOf(placed.values());
    }

    Placed get(String key) {
        Placed p = placed.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no mark " + key);
        }
        return p;
    }

    /** How far the marker {@code key} was moved off its place, {dx, dy}; zeros for an unknown key. */
    double[] offset(String key) {
        Placed p = placed.get(key);
        return p == null ? new double[2] : new double[] {p.mx - p.mark.x, p.my - p.mark.y};
    }

    /** Half the side of the square a marker occupies. */
    double markerRadius() {
        return 6 * unit;
    }

    private void place(List<Mark> marks, Box view, double fontSize) {
        int[] parent = new int[marks.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        double near = 4 * markerRadius();
        for (int i = 0; i < marks.size(); i++) {
            for (int j = i + 1; j < marks.size(); j++) {
                if (Math.hypot(marks.get(i).x() - marks.get(j).x(), marks.get(i).y() - marks.get(j).y()) < near) {
                    parent[root(parent, j)] = root(parent, i);
                }
            }
        }
        List<List<Mark>> clusters;
        Map<String, double[]> centres = new LinkedHashMap<>();
        Map<String, double[]> outward = new LinkedHashMap<>();
        // A spread cluster may reach a neighbour's marker: then the two places share one ring.
        while (true) {
            clusters = clusters(marks, parent);
            centres.clear();
            outward.clear();
            for (List<Mark> c : clusters) {
                spread(c, centres, outward);
            }
            if (!mergeOverlapping(marks, parent, centres)) {
                break;
            }
        }
        List<Box> obstacles = new ArrayList<>();
        for (Mark m : marks) {
            double[] p = centres.get(m.key());
            obstacles.add(square(p[0], p[1], markerRadius()));
        }
        // Crowded places first: they have the fewest free spots.
        List<Mark> order = new ArrayList<>();
        clusters.stream().sorted(Comparator.comparingInt((List<Mark> c) -> -c.size())).forEach(order::addAll);
        Map<String, Placed> byKey = new LinkedHashMap<>();
        for (Mark m : order) {
            double[] p = centres.get(m.key());
            Placed best = label(m, p[0], p[1], outward.get(m.key()), view, fontSize, obstacles);
            obstacles.add(best.label());
            byKey.put(m.key(), best);
        }
        for (Mark m : marks) {
            placed.put(m.key(), byKey.get(m.key()));
        }
    }

    /** The groups of marks sharing a root, in input order. */
    private static List<List<Mark>> clusters(List<Mark> marks, int[] parent) {
        Map<Integer, List<Mark>> groups = new LinkedHashMap<>();
        for (int i = 0; i < marks.size(); i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(marks.get(i));
        }
        return List.copyOf(groups.values());
    }

    /** Joins the clusters of the first two overlapping markers of different clusters; false if none overlap. */
    private boolean mergeOverlapping(List<Mark> marks, int[] parent, Map<String, double[]> centres) {
        for (int i = 0; i < marks.size(); i++) {
            for (int j = i + 1; j < marks.size(); j++) {
                if (root(parent, i) == root(parent, j)) {
                    continue;
                }
                double[] a = centres.get(marks.get(i).key());
                double[] b = centres.get(marks.get(j).key());
                if (Math.abs(a[0] - b[0]) < 2 * markerRadius() && Math.abs(a[1] - b[1]) < 2 * markerRadius()) {
                    parent[root(parent, j)] = root(parent, i);
                    return true;
                }
            }
        }
        return false;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    /**
     * Puts a cluster's markers on a ring round its centre in the order given, starting at the top and
     * going clockwise (the caller puts each client right after its resolver, so that their question
     * is a short line that crosses no other).
     */
    private void spread(List<Mark> cluster, Map<String, double[]> centres, Map<String, double[]> outward) {
        if (cluster.size() == 1) {
            Mark m = cluster.get(0);
            centres.put(m.key(), new double[] {m.x(), m.y()});
            outward.put(m.key(), null);
            return;
        }
        double cx = cluster.stream().mapToDouble(Mark::x).average().orElseThrow();
        double cy = cluster.stream().mapToDouble(Mark::y).average().orElseThrow();
        List<Mark> ring = cluster;
        int n = ring.size();
        double spacing = 4.2 * markerRadius();
        double radius = Math.max(3 * markerRadius(), spacing * n / (2 * Math.PI));
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            Mark m = ring.get(i);
            centres.put(m.key(), new double[] {cx + radius * Math.cos(a), cy + radius * Math.sin(a)});
            outward.put(m.key(), new double[] {Math.cos(a), Math.sin(a)});
        }
    }

    /** The best label spot round a marker: the nearest ring first, then the preferred direction. */
    private Placed label(Mark m, double x, double y, double[] outward, Box view, double fontSize,
            List<Box> obstacles) {
        double pad = 2 * unit;
        double textWidth = TextWidth.of(m.label(), fontSize);
        double w = textWidth + 2 * pad;
        double h = fontSize * 1.35;
        int[] order = outward == null ? ALONE_ORDER : byAngleTo(outward);
        Placed fallback = null;
        double fallbackCost = Double.MAX_VALUE;
        for (int ring = 0; ring < RINGS; ring++) {
            double r = markerRadius() + (ring == 0 ? 1 : 6 * ring) * unit;
            for (int rank = 0; rank < order.length; rank++) {
                double[] d = DIRECTIONS[order[rank]];
                double chebyshev = Math.max(Math.abs(d[0]), Math.abs(d[1])); // diagonals clear the square too
                double px = x + r * d[0] / chebyshev;
                double py = y + r * d[1] / chebyshev;
                double bx = d[0] > 0.3 ? px : d[0] < -0.3 ? px - w : px - w / 2;
                double by = d[1] > 0.3 ? py : d[1] < -0.3 ? py - h : py - h / 2;
                Box box = new Box(bx, by, w, h);
                double overlap = 0;
                for (Box o : obstacles) {
                    overlap += box.overlapArea(o);
                }
                boolean inView = box.inside(view);
                if (overlap == 0 && inView) {
                    return placed(m, x, y, box, pad, fontSize, textWidth, ring > 0);
                }
                // No free spot at all: the least covered one, preferring the view and near spots.
                double cost = (inView ? 0 : 1_000_000) + overlap / (w * h) * 1_000 + ring * 10 + rank;
                if (cost < fallbackCost) {
                    fallbackCost = cost;
                    fallback = placed(m, x, y, box, pad, fontSize, textWidth, ring > 0);
                }
            }
        }
        return fallback;
    }

    private Placed placed(Mark m, double x, double y, Box box, double pad, double fontSize, double textWidth,
            boolean leader) {
        double textY = box.y() + box.h() / 2 + 0.35 * fontSize;
        double lx = 0;
        double ly = 0;
        double ex = 0;
        double ey = 0;
        if (leader) {
            // From the nearest point of the label box to the marker's edge.
            lx = Math.max(box.x(), Math.min(x, box.x() + box.w()));
            ly = Math.max(box.y(), Math.min(y, box.y() + box.h()));
            double dist = Math.hypot(lx - x, ly - y);
            double edge = 0.8 * markerRadius();
            ex = x + (lx - x) * edge / dist;
            ey = y + (ly - y) * edge / dist;
        }
        return new Placed(m, x, y, square(x, y, markerRadius()), box, box.x() + pad, textY, textWidth, leader, ex,
                ey, lx, ly);
    }

    /** The eight directions sorted by their angle to {@code v}, nearest first (ties: east first). */
    private static int[] byAngleTo(double[] v) {
        Integer[] idx = {0, 1, 2, 3, 4, 5, 6, 7};
        java.util.Arrays.sort(idx, Comparator.comparingDouble(
                (Integer i) -> -(DIRECTIONS[i][0] * v[0] + DIRECTIONS[i][1] * v[1])).thenComparingInt(i -> i));
        int[] out = new int[8];
        for (int i = 0; i < 8; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static Box square(double x, double y, double r) {
        return new Box(x - r, y - r, 2 * r, 2 * r);
    }
}
