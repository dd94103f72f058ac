/**
 * Loopback ports and child processes for the labs ({@code keygate lab}, {@code cluster-lab}, {@code ims-lab}), the
 * load benchmark and the tests that run nodes as processes of their own. Nothing here runs in a deployed node.
 * Starting points: {@link org.keygate.sbi.lab.FreePorts}, {@link org.keygate.sbi.lab.LabProcess}.
 */
package org.keygate.sbi.lab;
