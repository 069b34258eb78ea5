package dev.bgan.report;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.bgan.dataset.TfRecordFile;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.proto.tf.Event;
import dev.bgan.proto.tf.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training log as a TensorBoard event file: TFRecord-framed {@link Event}s, a version event
 * then one event per logged iteration with every number of the entry as a scalar tagged by its
 * field name, so that {@code tensorboard --logdir} draws the curves. Wall times are 0: the file
 * depends on the log alone, like every other payload file (TensorBoard's step axis is the iteration).
 */
final class TensorBoardEvents {
  /** TensorBoard reads files whose names contain "tfevents"; the name is fixed for byte-identical reports. */
  static final String FILE_NAME = "events.out.tfevents.0.bgan";
  static final String FILE_VERSION = "brain.Event:2";

  private TensorBoardEvents() {}

  static void write(TrainingLog log, Path file) throws IOException {
    List<byte[]> records = new ArrayList<>();
    records.add(Event.newBuilder().setFileVersion(FILE_VERSION).build().toByteArray());
    List<FieldDescriptor> scalars = TrainingLogEntry.getDescriptor().getFields().stream()
        .filter(f -> f.getNumber() != TrainingLogEntry.ITERATION_FIELD_NUMBER)
        .toList();
    for (TrainingLogEntry entry : log.getEntriesList()) {
      Summary.Builder summary = Summary.newBuilder();
      for (FieldDescriptor field : scalars) {
        summary.addValue(Summary.Value.newBuilder().setTag(field.getName())
            .setSimpleValue(((Number) entry.getField(field)).floatValue()));
      }
      records.add(Event.newBuilder().setStep(entry.getIteration()).setSummary(summary).build().toByteArray());
    }
    TfRecordFile.write(file, records);
  }
}
