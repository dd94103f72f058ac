/**
 * The CCF daemon's YAML configuration ({@code keygate capif ccf --config}): read, every member validated, refused
 * with its name and what was expected. Starting point: {@link org.keygate.capif.config.CcfSettings#load}.
 */
package org.keygate.capif.config;
