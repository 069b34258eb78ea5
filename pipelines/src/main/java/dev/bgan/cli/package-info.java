/** The {@code bgan} command line: one command per stage, workflows, and artifact inspection. */
package dev.bgan.cli;
