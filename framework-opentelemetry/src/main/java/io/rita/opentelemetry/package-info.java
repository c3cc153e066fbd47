/**
 * Rita's commands traced with OpenTelemetry: {@link io.rita.opentelemetry.OpenTelemetryTracing}.
 * An optional module: a service that wants no tracing depends on neither it nor OpenTelemetry.
 */
package io.rita.opentelemetry;
