/** {@code keygate ims ...}: the IMS media-security commands; {@code keygate ims lab} runs the whole chain on loopback. */
package org.keygate.cli.ims;
