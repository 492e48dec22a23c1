package dev.radiostream.core.cassandra;

import java.util.function.Supplier;

/**
 * What a store needs from Cassandra before its first statement (its table created, its statements prepared), made
 * on first use and kept: a service starts without Cassandra and becomes ready once it is there.
 */
public final class PreparedOnFirstUse<T> {

    private final Supplier<T> prepare;
    private volatile T prepared;

    public PreparedOnFirstUse(Supplier<T> prepare) {
        this.prepare = prepare;
    }

    /** What was prepared; prepares it on the first call (again after a failed one). */
    public T get() {
        T current = prepared;
        if (current == null) {
            synchronized (this) {
                if (prepared == null) {
                    prepared = prepare.get();
                }
                current = prepared;
            }
        }
        return current;
    }
}
