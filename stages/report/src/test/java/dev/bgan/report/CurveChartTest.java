package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.proto.TrainingLog;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CurveChartTest {
  private static final TrainingLog LOG = UpstreamArtifacts.trainingLog(new ModelSettings(10, 2, 100, 1000, 7, true));

  @Test
  void pngHasTheChartSizeAndTheSameBytesWhenDrawnAgain() throws Exception {
    byte[] png = TrainingCurves.losses(LOG).toPng();

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(CurveChart.WIDTH, image.getWidth());
    assertEquals(CurveChart.HEIGHT, image.getHeight());
    assertArrayEquals(png, TrainingCurves.losses(LOG).toPng());
  }

  @Test
  void lossCurvesFollowTheTrainingLog() {
    CurveChart chart = TrainingCurves.losses(LOG);

    assertEquals(List.of("discriminator loss", "generator loss"), chart.curves().stream().map(CurveChart.Curve::name).toList());
    CurveChart.Curve d = chart.curves().get(0);
    assertEquals(LOG.getEntriesCount(), d.x().length);
    assertEquals(LOG.getEntries(3).getIteration(), d.x()[3]);
    assertEquals(LOG.getEntries(3).getDLoss(), d.y()[3]);
  }

  @Test
  void accuracyCurvesArePercentAndIncludeTheBaselineOnlyWhenThereIsOne() {
    CurveChart withBaseline = TrainingCurves.accuracies(LOG, true);
    CurveChart without = TrainingCurves.accuracies(LOG, false);

    assertEquals(List.of("GAN train", "GAN test", "supervised train", "supervised test"),
        withBaseline.curves().stream().map(CurveChart.Curve::name).toList());
    assertEquals(List.of("GAN train", "GAN test"), without.curves().stream().map(CurveChart.Curve::name).toList());
    assertEquals(100 * LOG.getEntries(0).getSupervisedTestAccuracy(), withBaseline.curves().get(3).y()[0], 1e-12);
  }
}
