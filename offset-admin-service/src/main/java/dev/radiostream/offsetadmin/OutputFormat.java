package dev.radiostream.offsetadmin;

/** --output: an aligned table for humans, or JSON for scripts. */
public enum OutputFormat {
    table, json
}
