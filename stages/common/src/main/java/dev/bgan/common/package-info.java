/** What every stage shares that is not about artifacts: user-facing errors, hashing, seeds, the build's version. */
package dev.bgan.common;
