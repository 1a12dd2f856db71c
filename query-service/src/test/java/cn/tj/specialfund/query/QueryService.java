package cn.tj.specialfund.query;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/** The query service started as its own process would be (own application.yml, demo users, random port). */
final class QueryService implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final int port;

    record Response(int status, String contentType, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }

        String code() {
            return json().path("code").asText();
        }
    }

    private QueryService(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    static QueryService start(IsolatedDatabase database, String... extraArguments) {
        return startWith(database, List.of(), extraArguments);
    }

    /** Started with more configuration classes, e.g. a read model from outside the service's packages. */
    static QueryService startWith(IsolatedDatabase database, List<Class<?>> sources, String... extraArguments) {
        List<String> args = new ArrayList<>(database.arguments());
        args.addAll(List.of(extraArguments));
        args.add("--server.port=0");
        args.add("--spring.profiles.active=demo");
        List<Class<?>> all = new ArrayList<>(List.of(QueryServiceApplication.class));
        all.addAll(sources);
        return new QueryService(new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
                .run(args.toArray(String[]::new)));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** An appender to the event store that works whether or not a query service is running. */
    EventAppender appender(IsolatedDatabase database) {
        return new EventAppender(database, context.getBean("eventSerializer", Serializer.class),
                context.getBean(EventSchema.class));
    }

    Response get(String user, String path) {
        return send(user, path, "GET", "application/json");
    }

    Response get(String user, String path, String accept) {
        return send(user, path, "GET", accept);
    }

    /** The body as bytes (a workbook), with the answer's status and content type. */
    record Download(int status, String contentType, byte[] body) {
    }

    Download download(String user, String path, String accept) {
        HttpResponse<byte[]> response = exchange(user, path, "GET", accept, HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    Response post(String user, String path) {
        return send(user, path, "POST", "application/json");
    }

    private Response send(String user, String path, String method, String accept) {
        HttpResponse<String> response = exchange(user, path, method, accept, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private <T> HttpResponse<T> exchange(String user, String path, String method, String accept,
                                         HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            String password = user.startsWith("district-") ? "district" : user;
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the answer satisfies {@code ready}; the query side is eventually consistent. */
    JsonNode await(String user, String path, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(user, path);
            if (last.status() == 200 && ready.test(last.json())) {
                return last.json();
            }
            sleep(20);
        }
        throw new AssertionError("no ready answer from " + path + " within 60 s; last: " + last);
    }

    /** Polls until the newest signed checkpoint has {@code size} leaves; returns its note. */
    String awaitCheckpoint(long size, Duration within) {
        Instant deadline = Instant.now().plus(within);
        String note = null;
        while (Instant.now().isBefore(deadline)) {
            note = get("auditor", "/api/audit/checkpoint", "text/plain").text();
            if (note.split("\n")[1].equals(Long.toString(size))) {
                return note;
            }
            sleep(50);
        }
        throw new AssertionError("no checkpoint of size " + size + " within " + within + "; last: " + note);
    }

    /** Starts a rebuild as ADMIN (202) and waits until it has finished; returns the status then. */
    JsonNode rebuildAndWait() {
        Instant requested = Instant.now();
        Response started = post("admin", "/api/admin/projections/rebuild");
        if (started.status() != 202) {
            throw new AssertionError("rebuild not accepted: " + started);
        }
        return await("admin", "/api/admin/projections/status",
                body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull()
                        && !Instant.parse(body.path("startedAt").asText()).isBefore(requested));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Appends events straight to the event store tables, as the command side does. */
    static final class EventAppender {
        private final JdbcEventStorageEngine engine;
        private final Serializer serializer;
        private final IsolatedDatabase database;
        private final EventSchema schema;
        private cn.tj.specialfund.support.audit.EventSigner signer;

        EventAppender(IsolatedDatabase database, Serializer serializer, EventSchema schema) {
            this.serializer = serializer;
            this.database = database;
            this.schema = schema;
            DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
                    database.password());
            this.engine = engine(dataSource::getConnection);
        }

        /** Axon's JDBC engine as the command side configures it, appending over {@code connections}. */
        private JdbcEventStorageEngine engine(ConnectionProvider connections) {
            return JdbcEventStorageEngine.builder()
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .connectionProvider(connections)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(schema)
                    .dataType(byte[].class)
                    .build();
        }

        /** Signs every event it appends with {@code eventKey}, as the command side does. */
        EventAppender signedBy(cn.tj.specialfund.verifier.NoteSigner eventKey) {
            this.signer = new cn.tj.specialfund.support.audit.EventSigner(eventKey);
            return this;
        }

        /**
         * Appends in a transaction of its own that stays open until {@link Uncommitted#commit()}: the events' log
         * positions are taken now, and whatever is appended meanwhile commits after them.
         */
        Uncommitted appendUncommitted(List<DomainEventMessage<?>> events) {
            SingleConnectionDataSource connection = new SingleConnectionDataSource(database.url(),
                    database.username(), database.password(), true);
            connection.setAutoCommit(false);
            engine(connection::getConnection).appendEvents(signed(events));
            return () -> {
                try {
                    connection.getConnection().commit();
                } finally {
                    connection.destroy();
                }
            };
        }

        interface Uncommitted {
            void commit() throws java.sql.SQLException;
        }

        void append(List<DomainEventMessage<?>> events) {
            engine.appendEvents(signed(events));
        }

        private List<? extends org.axonframework.eventhandling.EventMessage<?>> signed(List<DomainEventMessage<?>> events) {
            return signer == null ? events
                    : events.stream().<org.axonframework.eventhandling.EventMessage<?>>map(e -> signer.sign(e, serializer)).toList();
        }
    }
}
