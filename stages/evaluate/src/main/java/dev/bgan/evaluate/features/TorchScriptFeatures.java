package dev.bgan.evaluate.features;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.FeatureNetworkRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user's TorchScript feature network, loaded by DJL's PyTorch engine, fed as the standard FID
 * Inception-v3 is: images bilinearly resized to {@value #SIDE}x{@value #SIDE} (no antialiasing,
 * half-pixel centres, as torch's {@code interpolate(align_corners=False)}), values in [-1, 1] as the
 * generators make them, grey images repeated to three channels. Its first output, flattened per
 * image, is the feature vector (pool3's 2048 values for Inception); a second output, if any, is
 * taken as class logits, whose softmax the Inception Score uses.
 */
public final class TorchScriptFeatures implements FeatureNetwork {
  public static final int SIDE = 299;

  private final Model model;
  private final ParameterStore parameters;
  private final FeatureNetworkRef ref;
  private final boolean hasLogits;

  private TorchScriptFeatures(Model model, ParameterStore parameters, FeatureNetworkRef ref, boolean hasLogits) {
    this.model = model;
    this.parameters = parameters;
    this.ref = ref;
    this.hasLogits = hasLogits;
  }

  /**
   * Loads {@code file} and runs it once on a blank image to learn its outputs. A missing file, or
   * one that is not TorchScript or does not take such images, is the user's error.
   */
  public static TorchScriptFeatures load(Path file, String sha256) {
    if (!Files.isRegularFile(file)) {
      throw BadInputException.inFile(file, "no such feature network file");
    }
    Model model = Model.newInstance("feature-net", Device.cpu(), "PyTorch");
    try {
      model.load(file.toAbsolutePath());
      ParameterStore parameters = new ParameterStore(model.getNDManager(), false);
      NDList probe = forward(model, parameters, model.getNDManager().zeros(new Shape(1, 3, SIDE, SIDE)));
      FeatureNetworkRef ref = FeatureNetworkRef.newBuilder().setKind("torchscript")
          .setFileName(file.getFileName().toString()).setFileSha256(sha256)
          .setFeatureDim(Math.toIntExact(probe.get(0).size())).build();
      boolean logits = probe.size() > 1;
      probe.close();
      return new TorchScriptFeatures(model, parameters, ref, logits);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw BadInputException.inFile(file, "not a TorchScript feature network taking 1x3x" + SIDE + "x" + SIDE
          + " images (" + firstLine(e) + ")");
    }
  }

  @Override
  public Outputs apply(NDArray images) {
    NDList out = forward(model, parameters, inceptionInput(images));
    return new Outputs(FeatureNetwork.rows(out.get(0)), hasLogits ? FeatureNetwork.rows(out.get(1).softmax(1)) : null);
  }

  /** NCHW in [-1, 1] at the dataset's size to N x 3 x 299 x 299, still in [-1, 1]. */
  static NDArray inceptionInput(NDArray images) {
    NDArray rgb = images.getShape().get(1) == 1 ? images.repeat(1, 3) : images;
    NDArray nhwc = rgb.transpose(0, 2, 3, 1);
    return NDImageUtils.resize(nhwc, SIDE, SIDE, Image.Interpolation.BILINEAR).transpose(0, 3, 1, 2);
  }

  private static NDList forward(Model model, ParameterStore parameters, NDArray input) {
    return model.getBlock().forward(parameters, new NDList(input), false);
  }

  @Override
  public boolean hasProbabilities() {
    return hasLogits;
  }

  @Override
  public FeatureNetworkRef describe() {
    return ref;
  }

  @Override
  public void close() {
    model.close();
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
