package dev.bgan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A line chart of curves against training iteration, drawn by JFreeChart into a PNG in memory. */
record CurveChart(String title, String yLabel, List<Curve> curves) {
  static final int WIDTH = 720;
  static final int HEIGHT = 400;
  /** Distinct on white and for common colour blindness; JFreeChart's default cycle includes yellow. */
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)};

  static {
    // Reports are drawn on servers and in containers, where there is no display to connect to.
    System.setProperty("java.awt.headless", "true");
  }

  CurveChart {
    curves = List.copyOf(curves);
  }

  /** One named series; x[i] is the iteration of y[i]. */
  record Curve(String name, double[] x, double[] y) {
    Curve {
      if (x.length != y.length) {
        throw new IllegalArgumentException("curve " + name + ": " + x.length + " x values, " + y.length + " y values");
      }
    }
  }

  byte[] toPng() {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Curve curve : curves) {
      XYSeries series = new XYSeries(curve.name(), false, true);
      for (int i = 0; i < curve.x().length; i++) {
        series.add(curve.x()[i], curve.y()[i]);
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        title, "iteration", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYItemRenderer renderer = plot.getRenderer();
    for (int i = 0; i < curves.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    // Tick labels in a fixed locale: the default locale would make the bytes depend on the machine.
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a chart in memory failed", e);
    }
    return png.toByteArray();
  }
}
