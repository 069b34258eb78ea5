/** Test fixtures shared by every module through the common test-jar. */
package dev.bgan.testing;
