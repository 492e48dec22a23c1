package dev.radiostream.offsetadmin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * --to-datetime: ISO-8601 with a zone ({@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00+02:00}), or
 * without one, read as UTC ({@code 2024-05-01T12:00:00}, {@code 2024-05-01}). A value that does not parse is
 * a usage error (exit 2).
 */
public class DateTimeConverter implements ITypeConverter<Instant> {

    private static final List<Function<String, Instant>> PARSERS = List.of(
            Instant::parse,
            s -> OffsetDateTime.parse(s).toInstant(),
            s -> ZonedDateTime.parse(s).toInstant(),
            s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());

    @Override
    public Instant convert(String value) {
        return parse(value);
    }

    public static Instant parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        for (Function<String, Instant> parser : PARSERS) {
            try {
                return parser.apply(trimmed);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new TypeConversionException("'" + value + "' is not an ISO-8601 date-time "
                + "(e.g. 2024-05-01T12:00:00Z, 2024-05-01T14:00:00+02:00, or 2024-05-01T12:00:00 in UTC)");
    }
}
