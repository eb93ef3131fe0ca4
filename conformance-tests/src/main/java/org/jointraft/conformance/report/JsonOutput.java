package org.jointraft.conformance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** Writes the records of the commands' {@code --json} output with Jackson databind. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    /** One line of JSON. */
    public static String line(Object value) {
        return write(MAPPER.writer(), value);
    }

    /** The same, indented for people. */
    public static String pretty(Object value) {
        return write(MAPPER.writerWithDefaultPrettyPrinter(), value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
