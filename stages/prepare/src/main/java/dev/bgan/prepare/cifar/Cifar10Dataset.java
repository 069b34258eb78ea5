package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import dev.bgan.prepare.DatasetSummaryBuilder;
import dev.bgan.prepare.LoadedImageDataset;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.proto.DatasetSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CIFAR-10 parsed and validated: a "train" split (data_batch_1..5, in order) and a "test" split
 * (test_batch) of 32x32x3 uint8 images labeled 0..9, named by {@code batches.meta}. Loading reads
 * every file completely and keeps only counts and statistics; the split readers read the batches
 * again where the records are written.
 */
public final class Cifar10Dataset extends LoadedImageDataset {
  public static final String NAME = "cifar10";
  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  public static final int NUM_CLASSES = 10;

  private final Cifar10Files files;
  /** By split name, in split order. */
  private final Map<String, Cifar10SplitReader> readers;

  private Cifar10Dataset(Cifar10Files files, Map<String, Cifar10SplitReader> readers, DatasetSummary summary) {
    super(files.sourceFiles(), summary);
    this.files = files;
    this.readers = readers;
  }

  /** Reads every file completely; any defect is a one-line error naming the file. */
  public static Cifar10Dataset load(Cifar10Files files) {
    DatasetSummaryBuilder summary =
        new DatasetSummaryBuilder(NAME, SIDE, SIDE, CHANNELS, labelNames(files.path(Cifar10Files.META)));
    Map<String, Cifar10SplitReader> readers = new LinkedHashMap<>();
    Map<Path, Cifar10Batch> batches = readAll(Arrays.stream(Cifar10Split.values())
        .flatMap(split -> files.batches(split).stream()).toList());
    for (Cifar10Split split : Cifar10Split.values()) {
      List<Integer> sizes = new ArrayList<>();
      for (Path file : files.batches(split)) {
        Cifar10Batch batch = batches.get(file);
        sizes.add(batch.size());
        summary.addToSplit(split.splitName(), batch.planes(), batch.labels());
      }
      readers.put(split.splitName(),
          new Cifar10SplitReader(files.batches(split).stream().map(Path::toString).toList(), sizes));
    }
    return new Cifar10Dataset(files, readers, summary.build());
  }

  /**
   * Every batch, parsed on every core; a defect fails with the error of the first defective file
   * in {@code files}' order, whichever thread met it first.
   */
  private static Map<Path, Cifar10Batch> readAll(List<Path> files) {
    record Outcome(Path file, Cifar10Batch batch, RuntimeException error) {}
    List<Outcome> outcomes = files.parallelStream().map(file -> {
      try {
        return new Outcome(file, Cifar10Batch.read(file), null);
      } catch (RuntimeException e) {
        return new Outcome(file, null, e);
      }
    }).toList();
    Map<Path, Cifar10Batch> batches = new LinkedHashMap<>();
    for (Outcome outcome : outcomes) {
      if (outcome.error() != null) {
        throw outcome.error();
      }
      batches.put(outcome.file(), outcome.batch());
    }
    return batches;
  }

  /**
   * Forgets the batches this JVM keeps parsed for the shard writers of a local run, so that the
   * next load parses every batch again: for benchmarks, which time that.
   */
  public static void forgetParsedBatches() {
    Cifar10Batch.forgetParsed();
  }

  public Cifar10Files files() {
    return files;
  }

  public long size(Cifar10Split split) {
    return readers.get(split.splitName()).size();
  }

  @Override
  public SplitRecordReader reader(String split) {
    Cifar10SplitReader reader = readers.get(split);
    if (reader == null) {
      throw new IllegalArgumentException("CIFAR-10 has no split " + split + " " + readers.keySet());
    }
    return reader;
  }

  /** The class names of {@code batches.meta}: 'label_names', ten of them. */
  private static List<String> labelNames(Path meta) {
    List<String> names = PickledDict.read(meta).texts("label_names");
    if (names.size() != NUM_CLASSES) {
      throw BadInputException.inFile(meta, "names " + names.size() + " classes, CIFAR-10 has " + NUM_CLASSES);
    }
    return names;
  }
}
