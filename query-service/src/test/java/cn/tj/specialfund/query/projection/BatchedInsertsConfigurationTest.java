package cn.tj.specialfund.query.projection;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedInsertsConfigurationTest {

    @Test
    void onPostgresTheDriverRewritesBatchedInsertsIntoMultiRowStatements() {
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/ledger");
        BatchedInsertsConfiguration.batchedInsertsOnPostgres().postProcessBeforeInitialization(postgres, "dataSource");

        assertThat(postgres.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        HikariDataSource h2 = new HikariDataSource();
        h2.setJdbcUrl("jdbc:h2:mem:ledger");
        BatchedInsertsConfiguration.batchedInsertsOnPostgres().postProcessBeforeInitialization(h2, "dataSource");

        assertThat(h2.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");
    }
}
