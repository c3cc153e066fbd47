/**
 * Rita's command metrics through Micrometer: {@link io.rita.micrometer.RitaMetrics}. An optional
 * module: a service that wants no metrics depends on neither it nor Micrometer.
 */
package io.rita.micrometer;
