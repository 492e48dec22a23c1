package dev.radiostream.offsetadmin.dashboard;

import java.util.List;

/** One line of a chart: a name and its points, each [x, y] (x in epoch milliseconds for time charts). */
public record Series(String name, List<double[]> points) {
}
