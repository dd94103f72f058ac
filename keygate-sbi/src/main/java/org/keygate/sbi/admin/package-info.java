/** The admin listener: health and Prometheus metrics. Starting point: {@link org.keygate.sbi.admin.AdminServer}. */
package org.keygate.sbi.admin;
