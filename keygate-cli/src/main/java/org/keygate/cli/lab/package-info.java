/**
 * {@code keygate lab}: a complete roaming lab on loopback. Starting point: {@link org.keygate.cli.lab.LabCommand}.
 */
package org.keygate.cli.lab;
