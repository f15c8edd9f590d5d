package org.elusive.store;

import java.util.function.Function;

/** A column of a table we write: its name (docs/design.md §3), type and the record field it holds. */
record Column<T>(String name, Type type, Function<T, Object> value) {
    enum Type {
        VARCHAR("VARCHAR"), BIGINT("BIGINT"), INTEGER("INTEGER"), DOUBLE("DOUBLE"), BOOLEAN("BOOLEAN"),
        /** list&lt;float&gt;; staged as text, cast on the way out (the JDBC appender has no lists). */
        FLOAT_LIST("VARCHAR");

        final String sql;

        Type(String sql) { this.sql = sql; }
    }

    static <T> Column<T> of(String name, Type type, Function<T, Object> value) {
        return new Column<>(name, type, value);
    }
}
