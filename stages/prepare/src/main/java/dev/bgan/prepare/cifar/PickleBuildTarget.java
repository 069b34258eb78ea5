package dev.bgan.prepare.cifar;

/**
 * An object the pickle's BUILD opcode may give a state to, as Python calls {@code __setstate__}.
 * Only these: the unpickler never calls a method by reflection on whatever the stack holds.
 */
interface PickleBuildTarget {
  void setState(Object state);
}
