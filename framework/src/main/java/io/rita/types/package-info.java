/**
 * Event types: the {@link io.rita.types.TypeRegistry} that maps type names ({@code rita-type})
 * to Java records and codecs, the {@link io.rita.types.EventType} annotation found by scanning,
 * and the built-in {@link io.rita.types.Codec}s ({@code json}, {@code binary}).
 */
package io.rita.types;
