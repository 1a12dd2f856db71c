package cn.tj.specialfund.command;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On PostgreSQL, the schema the migrations create keeps binary data in bytea, never in large objects (oid). */
@EnabledIfSystemProperty(named = "it.datasource.url", matches = ".+")
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("demo")
@DirtiesContext
class PostgresSchemaIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        DATABASE.drop();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noColumnIsAnOid() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?",
                Integer.class, DATABASE.schema())).isGreaterThanOrEqualTo(5);
        List<Map<String, Object>> oids = jdbc.queryForList("""
                SELECT c.relname, a.attname FROM pg_attribute a
                  JOIN pg_class c ON c.oid = a.attrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'oid'::regtype
                """, DATABASE.schema());
        assertThat(oids).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.columns "
                + "WHERE table_schema = ? AND data_type = 'oid'", Integer.class, DATABASE.schema())).isZero();
    }

    @Test
    void payloadsMetadataAndTokensAreBytea() {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                 WHERE table_schema = ? AND column_name IN ('payload', 'meta_data', 'token')
                 ORDER BY table_name, column_name
                """, DATABASE.schema());
        assertThat(columns).extracting(c -> c.get("table_name") + "." + c.get("column_name"))
                .containsExactly("dead_letter_entry.meta_data", "dead_letter_entry.payload", "dead_letter_entry.token",
                        "domain_event_entry.meta_data", "domain_event_entry.payload",
                        "snapshot_event_entry.meta_data", "snapshot_event_entry.payload", "token_entry.token");
        assertThat(columns).extracting(c -> c.get("data_type")).containsOnly("bytea");
    }

    @Test
    void theGuardsTablesExistWithTheCapOf11Seeded() {
        assertThat(jdbc.queryForMap("SELECT cap, awarded FROM award_slot WHERE direction = '1.1'"))
                .containsEntry("cap", 10).containsEntry("awarded", 0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM applicant_registry", Integer.class)).isZero();
    }
}
