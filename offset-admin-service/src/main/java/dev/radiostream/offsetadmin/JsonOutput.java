package dev.radiostream.offsetadmin;

import java.io.PrintWriter;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prints --output json with the application's ObjectMapper (ISO-8601 times), the same as GET /offsets. */
@ApplicationScoped
public class JsonOutput {

    private final ObjectMapper mapper;

    public JsonOutput(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void print(PrintWriter out, Object value) {
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
