package org.elusive.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactSvgTest {
    @Test
    void aChainOfSegmentsUnderOneColourIsOnePathOfItsCorners() {
        List<Command<?>> in = new ArrayList<>();
        // XChart's way: the colour set again before every segment; a straight run, then a corner
        double[][] pts = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {3, 10}};
        for (int i = 0; i + 1 < pts.length; i++) {
            in.add(new SetColorCommand(Color.RED));
            in.add(new DrawShapeCommand(new Line2D.Double(pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1])));
        }
        in.add(new SetColorCommand(Color.BLUE));
        in.add(new DrawShapeCommand(new Line2D.Double(3, 10, 4, 10))); // continues, but in another colour
        List<Command<?>> out = new ArrayList<>();
        CompactSvg.compact(in).forEach(out::add);
        assertEquals(4, out.size(), out.toString());
        assertEquals(Color.RED, out.get(0).getValue());
        assertEquals(List.of(List.of(0.0, 0.0), List.of(3.0, 3.0), List.of(3.0, 10.0)), vertices((Path2D) out.get(1).getValue()));
        assertEquals(Color.BLUE, out.get(2).getValue());
        assertTrue(out.get(3).getValue() instanceof Line2D);
    }

    @Test
    void simplificationKeepsEveryVertexFurtherThanTheToleranceAndTheEnds() {
        List<double[]> zigzag = List.of(new double[] {0, 0}, new double[] {1, 0.1}, new double[] {2, 0}, new double[] {3, 2},
                new double[] {4, 0});
        List<double[]> kept = CompactSvg.simplify(zigzag);
        assertEquals(4, kept.size(), "the 0.1-pixel wiggle goes, the 2-pixel peak stays");
        assertArrayEquals(new double[] {3, 2}, kept.get(2));
        assertArrayEquals(new double[] {4, 0}, kept.get(3));
    }

    @Test
    void longPathDrawnTwiceIsDefinedOnceAndUsedTwice() {
        String d = "M0,0 " + "L1.5,2.25 ".repeat(10);
        String svg = "<svg x=\"0\">\n<g><path d=\"" + d + "\" style=\"fill:rgb(0,0,0);stroke:none;\"/></g>\n"
                + "<g><path d=\"" + d + "\" style=\"fill:rgb(9,9,9);stroke:none;\"/></g>\n"
                + "<path d=\"M0,0 L1,1\" style=\"fill:none;\"/>\n</svg>";
        String out = CompactSvg.reusePaths(svg);
        assertEquals(1, out.split(java.util.regex.Pattern.quote(d), -1).length - 1, out);
        assertTrue(out.contains("<use xlink:href=\"#p0\" style=\"fill:rgb(0,0,0);stroke:none;\"/>"), out);
        assertTrue(out.contains("<use xlink:href=\"#p0\" style=\"fill:rgb(9,9,9);stroke:none;\"/>"), out);
        assertTrue(out.contains("<path d=\"M0,0 L1,1\" style=\"fill:none;\"/>"), "a short path stays as it is");
    }

    private static List<List<Double>> vertices(Path2D p) {
        List<List<Double>> out = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = p.getPathIterator(null); !it.isDone(); it.next()) {
            it.currentSegment(c);
            out.add(List.of(c[0], c[1]));
        }
        return out;
    }
}
