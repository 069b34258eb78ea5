package dev.bgan.prepare.cifar;

/**
 * A pickle that is well-formed but holds what a CIFAR pickle never does (a float array, a global
 * called with the wrong arguments). Thrown while unpickling, where the file is not known; the
 * reader turns it into a one-line error naming the file.
 */
final class PickleContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PickleContentException(String message) {
    super(message);
  }
}
