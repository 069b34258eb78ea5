package dev.bgan.artifact;

/** How a stage uses the run cache. */
public enum CachePolicy {
  /** Reuse the artifact of the same cache key if it is published and verifies; make it otherwise. */
  REUSE,
  /** Make the artifact again and replace the published one. */
  FORCE,
  /** Only look the artifact up: a miss is an error (for rerunning one stage on cached upstreams). */
  CACHED_ONLY,
  /**
   * Compute the id and look it up, never write: a miss gives the artifact the stage would publish,
   * unpublished, with a manifest that holds only its identity (for dry runs).
   */
  PLAN
}
