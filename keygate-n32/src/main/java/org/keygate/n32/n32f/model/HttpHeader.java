package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TS 29.573 HttpHeader. {@code value} is an EncodedHttpHeaderValue: the header's string, or
 * {@code {"encBlockIndex": n}} when encrypted.
 */
public record HttpHeader(String header, JsonNode value) {}
