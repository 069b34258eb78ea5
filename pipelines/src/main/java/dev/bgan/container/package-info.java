/**
 * Stages in containers: each stage's image ({@code bgan-STAGE:TAG}, built by containers/build.sh),
 * the container engine's command line, and the executor that runs a workflow stage's command in
 * its image with the store bind-mounted and no network.
 */
package dev.bgan.container;
