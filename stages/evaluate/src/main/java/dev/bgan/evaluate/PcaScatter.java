package dev.bgan.evaluate;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** A scatter plot of real (grey) and generated (red) points in a 2-d plane, as a PNG drawn by JFreeChart. */
final class PcaScatter {
  static final int SIDE = 480;

  static {
    // Plots are drawn on servers and in containers, where there is no display to connect to.
    System.setProperty("java.awt.headless", "true");
  }

  private PcaScatter() {}

  static byte[] png(String title, double[][] real, double[][] fake) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("real", real));
    data.addSeries(series("generated", fake));
    JFreeChart chart = ChartFactory.createScatterPlot(title, "PC 1", "PC 2", data, PlotOrientation.VERTICAL,
        true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    XYItemRenderer renderer = plot.getRenderer();
    renderer.setSeriesPaint(0, new Color(150, 150, 150, 90));
    renderer.setSeriesPaint(1, new Color(214, 39, 40, 160));
    renderer.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
    renderer.setSeriesShape(1, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
    // Tick labels in a fixed locale: the default locale would make the bytes depend on the machine.
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, SIDE, SIDE);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a plot in memory failed", e);
    }
    return png.toByteArray();
  }

  private static XYSeries series(String name, double[][] points) {
    XYSeries series = new XYSeries(name, false, true);
    for (double[] p : points) {
      series.add(p[0], p[1]);
    }
    return series;
  }
}
