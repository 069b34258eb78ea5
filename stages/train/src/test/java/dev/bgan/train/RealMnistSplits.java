package dev.bgan.train;

import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistSplit;
import dev.bgan.testing.RealMnist;

/** The first images of real MNIST's splits, read once with the prepare stage's reader, for short trainings. */
public final class RealMnistSplits {
  private static MnistDataset mnist;

  private RealMnistSplits() {}

  public static ImageSplit train(int count) {
    return head(MnistSplit.TRAIN, count);
  }

  public static ImageSplit test(int count) {
    return head(MnistSplit.TEST, count);
  }

  private static synchronized ImageSplit head(MnistSplit split, int count) {
    if (mnist == null) {
      mnist = MnistDataset.load(MnistFiles.locate(RealMnist.dir()));
    }
    int side = MnistDataset.SIDE;
    int[] labels = new int[count];
    byte[] pixels = new byte[count * side * side];
    for (int i = 0; i < count; i++) {
      ImageRecord record = mnist.record(split, i);
      labels[i] = record.label();
      System.arraycopy(record.pixels(), 0, pixels, i * side * side, side * side);
    }
    return new ImageSplit(split.splitName(), side, side, 1, labels, pixels);
  }
}
