package dev.bgan.tensorboard;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.bgan.dataset.TfRecordFile;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.proto.tf.Event;
import dev.bgan.proto.tf.Summary;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training log as TensorBoard event files: TFRecord-framed {@link Event}s, a version event then
 * one event per logged iteration with every number of the entry as a scalar, tagged by group
 * ({@link #tag}: {@code loss/d}, {@code accuracy/test}, ...) so that TensorBoard draws the losses,
 * accuracies and discriminator outputs as sections. The step is the iteration.
 */
public final class TensorBoardEvents {
  /** The report's file name: fixed, with wall times 0, so that reports stay byte-identical. */
  public static final String FILE_NAME = "events.out.tfevents.0.bgan";
  public static final String FILE_VERSION = "brain.Event:2";

  /** Training-log field -> TensorBoard tag; a field missing here is tagged {@code other/NAME}. */
  private static final Map<String, String> TAGS = Map.ofEntries(
      Map.entry("d_loss", "loss/d"),
      Map.entry("g_loss", "loss/g"),
      Map.entry("supervised_loss", "loss/supervised"),
      Map.entry("train_accuracy", "accuracy/train"),
      Map.entry("test_accuracy", "accuracy/test"),
      Map.entry("supervised_train_accuracy", "accuracy/supervised_train"),
      Map.entry("supervised_test_accuracy", "accuracy/supervised_test"),
      Map.entry("d_real", "discriminator/d_real"),
      Map.entry("d_fake", "discriminator/d_fake"),
      Map.entry("learning_rate", "optimizer/learning_rate"));

  private static final List<FieldDescriptor> SCALARS = TrainingLogEntry.getDescriptor().getFields().stream()
      .filter(f -> f.getNumber() != TrainingLogEntry.ITERATION_FIELD_NUMBER
          && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE)
      .toList();

  private TensorBoardEvents() {}

  /** The tag of a training-log field: its group, a slash, its name within the group. */
  public static String tag(String field) {
    return TAGS.getOrDefault(field, "other/" + field);
  }

  /** The whole log in one file, every wall time 0: the bytes depend on the log alone. */
  public static void write(TrainingLog log, Path file) throws IOException {
    List<byte[]> records = new ArrayList<>();
    records.add(versionEvent(0));
    for (TrainingLogEntry entry : log.getEntriesList()) {
      records.add(scalarEvent(entry, 0));
    }
    TfRecordFile.write(file, records);
  }

  static byte[] versionEvent(double wallTime) {
    return Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build().toByteArray();
  }

  static byte[] scalarEvent(TrainingLogEntry entry, double wallTime) {
    Summary.Builder summary = Summary.newBuilder();
    for (FieldDescriptor field : SCALARS) {
      summary.addValue(Summary.Value.newBuilder().setTag(tag(field.getName()))
          .setSimpleValue(((Number) entry.getField(field)).floatValue()));
    }
    // A conditional objective's named terms, where it logs any: loss/d_NAME, loss/g_NAME.
    entry.getTerms().getDiscriminatorMap().forEach((name, value) -> summary.addValue(
        Summary.Value.newBuilder().setTag("loss/d_" + name).setSimpleValue(value.floatValue())));
    entry.getTerms().getGeneratorMap().forEach((name, value) -> summary.addValue(
        Summary.Value.newBuilder().setTag("loss/g_" + name).setSimpleValue(value.floatValue())));
    entry.getTerms().getMeasuresMap().forEach((name, value) -> summary.addValue(
        Summary.Value.newBuilder().setTag("measures/" + name).setSimpleValue(value.floatValue())));
    return Event.newBuilder().setWallTime(wallTime).setStep(entry.getIteration()).setSummary(summary).build()
        .toByteArray();
  }

  /**
   * Opens a new event file in {@code dir} (created if missing) for a training run that appends each
   * logged entry as it is made, stamped with the current wall time, and flushes it at once so that a
   * running TensorBoard sees it. A resumed run opens another file in the same directory; TensorBoard
   * reads them as one run.
   */
  public static Appender append(Path dir) throws IOException {
    Files.createDirectories(dir);
    long now = System.currentTimeMillis();
    Path file = dir.resolve("events.out.tfevents." + now / 1000 + ".bgan-train");
    for (int i = 1; Files.exists(file); i++) {
      file = dir.resolve("events.out.tfevents." + now / 1000 + ".bgan-train." + i);
    }
    Appender appender = new Appender(file, new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
    appender.write(versionEvent(now / 1000.0));
    return appender;
  }

  /** An open event file of a training run. */
  public static final class Appender implements Closeable {
    private final Path file;
    private final OutputStream out;

    private Appender(Path file, OutputStream out) {
      this.file = file;
      this.out = out;
    }

    public Path file() {
      return file;
    }

    /** Appends the entry's scalars, stamped now, and flushes. */
    public void add(TrainingLogEntry entry) throws IOException {
      write(scalarEvent(entry, System.currentTimeMillis() / 1000.0));
    }

    private void write(byte[] event) throws IOException {
      TfRecordFile.writeRecord(out, event);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
