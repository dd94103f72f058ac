/**
 * {@code keygate labnf}: the lab's home-network UDM and AUSF as a process of their own (for the load benchmark
 * and hand-built labs). Starting point: {@link org.keygate.cli.labnf.LabNfCommand}.
 */
package org.keygate.cli.labnf;
