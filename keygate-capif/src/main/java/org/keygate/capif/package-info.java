/** CAPIF with CAPIF-2e TLS-PSK: CAPIF core function, API exposing function, API invoker. See DESIGN.md's module map. */
package org.keygate.capif;
