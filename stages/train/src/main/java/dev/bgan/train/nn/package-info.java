/** Network families as DJL blocks built from small parts; new families (AC-GAN, InfoGAN) go here too. */
package dev.bgan.train.nn;
