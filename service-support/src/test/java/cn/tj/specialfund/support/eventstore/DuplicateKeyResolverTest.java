package cn.tj.specialfund.support.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store tells a duplicate (aggregate, sequence) from other failures on PostgreSQL and on H2. */
class DuplicateKeyResolverTest {

    private final PersistenceExceptionResolver resolver = EventStoreConfiguration.duplicateKeyResolver();

    @Test
    void postgresqlsUniqueViolationIsADuplicateKey() {
        PSQLException unique = new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION);
        assertThat(resolver.isDuplicateKeyViolation(unique)).isTrue();
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", unique.getSQLState(), 0, new int[0], unique);
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(batch))).isTrue();

        assertThat(resolver.isDuplicateKeyViolation(
                new PSQLException("violates foreign key constraint", PSQLState.FOREIGN_KEY_VIOLATION))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(
                new PSQLException("connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("no SQL at all"))).isFalse();
    }

    @Test
    void h2sPrimaryKeyViolationIsADuplicateKeyAndANullIsNot() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:duplicates;DB_CLOSE_DELAY=-1");
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE domain_event_entry (aggregate_identifier VARCHAR(36), sequence_number BIGINT, "
                    + "payload VARCHAR(10) NOT NULL, PRIMARY KEY (aggregate_identifier, sequence_number))");
            sql.execute("INSERT INTO domain_event_entry VALUES ('a', 0, 'x')");
            SQLException duplicate = failure(sql, "INSERT INTO domain_event_entry VALUES ('a', 0, 'y')");
            assertThat(resolver.isDuplicateKeyViolation(duplicate)).isTrue();
            SQLException notNull = failure(sql, "INSERT INTO domain_event_entry VALUES ('a', 1, NULL)");
            assertThat(resolver.isDuplicateKeyViolation(notNull)).isFalse();
        }
    }

    private static SQLException failure(Statement sql, String statement) {
        try {
            sql.execute(statement);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected " + statement + " to fail");
    }
}
