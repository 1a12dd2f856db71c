package cn.tj.specialfund.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for one test class: a named in-memory H2 database that every context of the JVM
 * shares, or, when {@code it.datasource.url} names a PostgreSQL database, a fresh schema in it (Flyway
 * creates it; the connections' {@code currentSchema} points at it). Direction caps, applicant registrations
 * and dashboard totals are system-wide, so a test that checks them exactly needs the system to itself.
 */
public record IsolatedDatabase(String baseUrl, String url, String username, String password, String schema) {

    public static IsolatedDatabase create() {
        String base = System.getProperty("it.datasource.url", "");
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (base.isBlank()) {
            return new IsolatedDatabase(null, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                    "sa", "", null);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new IsolatedDatabase(base, url, System.getProperty("it.datasource.username", "postgres"),
                System.getProperty("it.datasource.password", ""), name);
    }

    public boolean isPostgres() {
        return schema != null;
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", this::username);
        registry.add("spring.datasource.password", this::password);
        if (schema != null) {
            registry.add("spring.flyway.schemas", this::schema);
            registry.add("spring.flyway.default-schema", this::schema);
        }
    }

    /** Command-line arguments (they win over application.yml) that point a process at this database. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password));
        if (schema != null) {
            args.add("--spring.flyway.schemas=" + schema);
            args.add("--spring.flyway.default-schema=" + schema);
        }
        return args;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    public void drop() {
        if (schema == null) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
            return;
        }
        try (Connection c = DriverManager.getConnection(baseUrl, username, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop schema " + schema, e);
        }
    }
}
