package cn.tj.specialfund.query.projection;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Runs a step of a transaction so that its failure undoes only that step: a savepoint on the transaction's
 * connection around it (PostgreSQL refuses every later statement of a transaction with a failed one until it
 * rolls back to a savepoint). Outside a transaction (projection tests on a bare DataSource) the step just runs.
 */
final class Savepoints {

    private final DataSource dataSource;

    Savepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code step}; returns null, or what it threw after undoing its writes. */
    RuntimeException attempt(Runnable step) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            try {
                step.run();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("could not set a savepoint", e);
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw new IllegalStateException("could not roll back to a savepoint", e);
            }
            return e;
        }
        // Not released: the transaction's end releases it on H2 and PostgreSQL alike, and RELEASE SAVEPOINT is
        // one more round trip for every batch of every read model.
        return null;
    }
}
