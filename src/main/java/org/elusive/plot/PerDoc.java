package org.elusive.plot;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elusive.rows.CorrelationRow;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The correlations table indexed for the per-(task, score) figures of notebook 03: (task, score) →
 * method → family → doc id → correlation, tasks and methods sorted, scores in the order of the stages,
 * families sorted (NaN correlations kept: each figure decides what it leaves out).
 */
final class PerDoc {
    private PerDoc() {}

    record Key(String task, String score) implements Comparable<Key> {
        @Override public int compareTo(Key o) {
            int t = task.compareTo(o.task);
            if (t != 0) return t;
            int s = Integer.compare(CorrelationPlots.scoreOrder(score), CorrelationPlots.scoreOrder(o.score));
            return s != 0 ? s : score.compareTo(o.score);
        }
    }

    static Map<Key, Map<String, Map<String, Map<Long, Double>>>> byTaskScore(List<CorrelationRow> rows) {
        Map<Key, Map<String, Map<String, Map<Long, Double>>>> out = new TreeMap<>();
        for (CorrelationRow r : rows) {
            out.computeIfAbsent(new Key(r.task(), r.score()), k -> new TreeMap<>())
                    .computeIfAbsent(r.method(), k -> new TreeMap<>())
                    .computeIfAbsent(r.family(), k -> new TreeMap<>())
                    .put(r.docId(), r.correlation());
        }
        return out;
    }

    /** A panel with nothing to draw still needs a series for XChart to lay out its axes: an invisible one. */
    static void empty(XYChart c) {
        XYSeries s = c.addSeries("no data", new double[] {0}, new double[] {0});
        s.setMarker(SeriesMarkers.NONE).setShowInLegend(true);
        s.setLineColor(new Color(0, 0, 0, 0));
    }
}
