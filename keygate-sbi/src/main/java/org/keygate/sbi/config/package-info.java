/** Values of the daemons' configuration files that every daemon reads the same way (durations). */
package org.keygate.sbi.config;
