package org.elusive.plot;

import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.MutableCommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XChart draws a line series as one {@code draw(Line2D)} per segment, which VectorGraphics2D writes as
 * one SVG element each (a 480-doc correlation figure was 2–3 MB). Here every chain of segments drawn
 * back to back, each starting where the last ended, becomes one path: its vertices rounded to
 * {@link #GRID} pixels and simplified (Ramer–Douglas–Peucker) to within {@link #TOLERANCE} pixels, so
 * a line costs about as many vertices as it has visible corners, not as many as it has data points.
 * A chain ends at anything drawn between two segments, or at a change of colour or stroke.
 */
final class CompactSvg {
    private CompactSvg() {}

    /** Pixels that vertices are rounded to, and that a simplified path may stray from the original. */
    static final double GRID = 0.125, TOLERANCE = 0.5;

    static CommandSequence compact(Iterable<Command<?>> commands) {
        return new Chains().run(commands);
    }

    /**
     * XChart sets the colour and stroke again before every segment (and a marker colour between them):
     * such state changes inside a chain are held back and dropped when the next segment continues the
     * chain under the same colour and stroke, so they change nothing that is drawn.
     */
    private static final class Chains {
        private final MutableCommandSequence out = new MutableCommandSequence();
        private final List<double[]> chain = new ArrayList<>();
        private final List<Command<?>> held = new ArrayList<>();
        private Object color, stroke, chainColor, chainStroke;

        CommandSequence run(Iterable<Command<?>> commands) {
            for (Command<?> c : commands) {
                if (c instanceof SetColorCommand || c instanceof SetStrokeCommand) {
                    if (c instanceof SetColorCommand) color = c.getValue();
                    else stroke = c.getValue();
                    if (chain.isEmpty()) out.add(c);
                    else held.add(c);
                } else if (c instanceof DrawShapeCommand && c.getValue() instanceof Line2D l) {
                    segment(l);
                } else {
                    end();
                    out.add(c);
                }
            }
            end();
            return out;
        }

        private void segment(Line2D l) {
            double[] a = {l.getX1(), l.getY1()}, b = {l.getX2(), l.getY2()};
            boolean continues = !chain.isEmpty() && sameVertex(chain.get(chain.size() - 1), a)
                    && Objects.equals(color, chainColor) && Objects.equals(stroke, chainStroke);
            if (continues) {
                held.clear();
            } else {
                end();
                chain.add(a);
                chainColor = color;
                chainStroke = stroke;
            }
            chain.add(b);
        }

        private void end() {
            flush(chain, out);
            held.forEach(out::add);
            held.clear();
        }
    }

    /**
     * XChart draws text as glyph outlines, so the same tick label, axis title or legend entry in every
     * panel is the same long path again. Each path data string drawn more than once (and long enough
     * to be worth it) is written once in {@code <defs>} and drawn by {@code <use>}, which keeps the
     * element's style (SVG styles inherit into the used path).
     */
    static String reusePaths(String svg) {
        Matcher m = PATH.matcher(svg);
        Map<String, Integer> counts = new HashMap<>();
        while (m.find()) counts.merge(m.group(1), 1, Integer::sum);
        Map<String, String> ids = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder(svg.length());
        m.reset();
        while (m.find()) {
            String d = m.group(1);
            if (counts.get(d) < 2 || d.length() < MIN_REUSED) continue;
            String id = ids.computeIfAbsent(d, k -> "p" + ids.size());
            m.appendReplacement(body, Matcher.quoteReplacement("<use xlink:href=\"#" + id + "\" style=\"" + m.group(2) + "\"/>"));
        }
        m.appendTail(body);
        if (ids.isEmpty()) return svg;
        StringBuilder defs = new StringBuilder("<defs>\n");
        ids.forEach((d, id) -> defs.append("<path id=\"").append(id).append("\" d=\"").append(d).append("\"/>\n"));
        defs.append("</defs>\n");
        int open = body.indexOf(">", body.indexOf("<svg")) + 1;
        return body.insert(open, "\n" + defs).toString();
    }

    private static final Pattern PATH = Pattern.compile("<path d=\"([^\"]*)\" style=\"([^\"]*)\"/>");
    private static final int MIN_REUSED = 64;

    private static boolean sameVertex(double[] p, double[] q) {
        return p[0] == q[0] && p[1] == q[1];
    }

    private static void flush(List<double[]> chain, MutableCommandSequence out) {
        if (chain.isEmpty()) return;
        List<double[]> kept = simplify(rounded(chain));
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, kept.size());
        path.moveTo(kept.get(0)[0], kept.get(0)[1]);
        for (int i = 1; i < kept.size(); i++) path.lineTo(kept.get(i)[0], kept.get(i)[1]);
        out.add(new DrawShapeCommand(kept.size() == 2 ? new Line2D.Double(kept.get(0)[0], kept.get(0)[1],
                kept.get(1)[0], kept.get(1)[1]) : path));
        chain.clear();
    }

    /** Vertices on the {@link #GRID}, repeated ones dropped (a one-vertex chain keeps a zero-length segment). */
    static List<double[]> rounded(List<double[]> chain) {
        List<double[]> out = new ArrayList<>(chain.size());
        for (double[] p : chain) {
            double[] q = {Math.rint(p[0] / GRID) * GRID, Math.rint(p[1] / GRID) * GRID};
            if (out.isEmpty() || !sameVertex(out.get(out.size() - 1), q)) out.add(q);
        }
        if (out.size() == 1) out.add(out.get(0).clone());
        return out;
    }

    /** Ramer–Douglas–Peucker with an explicit stack (a chain can have tens of thousands of vertices). */
    static List<double[]> simplify(List<double[]> pts) {
        int n = pts.size();
        if (n <= 2) return pts;
        boolean[] keep = new boolean[n];
        keep[0] = keep[n - 1] = true;
        int[] stack = new int[2 * n];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = n - 1;
        while (top > 0) {
            int j = stack[--top], i = stack[--top];
            int worst = -1;
            double worstD = TOLERANCE;
            for (int k = i + 1; k < j; k++) {
                double d = distance(pts.get(k), pts.get(i), pts.get(j));
                if (d > worstD) { worstD = d; worst = k; }
            }
            if (worst < 0) continue;
            keep[worst] = true;
            stack[top++] = i;
            stack[top++] = worst;
            stack[top++] = worst;
            stack[top++] = j;
        }
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < n; k++) if (keep[k]) out.add(pts.get(k));
        return out;
    }

    /** Distance from p to the segment a–b (to a when a = b). */
    static double distance(double[] p, double[] a, double[] b) {
        double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
        double ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
        return Math.sqrt(ex * ex + ey * ey);
    }
}
