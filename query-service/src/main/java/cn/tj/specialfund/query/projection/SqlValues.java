package cn.tj.specialfund.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How the read models' tables hold values Java and SQL disagree on: instants as UTC timestamps with time zone,
 * and text as PostgreSQL can hold it. Every read model binds its text through {@link #text}.
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** Stands in, on the read side, for a character a PostgreSQL {@code text} column cannot hold. */
    public static final char REPLACEMENT = '\uFFFD';

    /**
     * Text as a read model stores it: U+0000, which PostgreSQL's {@code text} cannot hold (and which events written
     * before the input limits may carry), replaced by U+FFFD; the log keeps the original. The same on every
     * database, so that H2 and PostgreSQL answer alike.
     */
    public static String text(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', REPLACEMENT);
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
