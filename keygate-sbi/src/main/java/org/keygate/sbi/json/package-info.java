/** SBI JSON with Jackson, one configuration. Starting point: {@link org.keygate.sbi.json.SbiJson}. */
package org.keygate.sbi.json;
