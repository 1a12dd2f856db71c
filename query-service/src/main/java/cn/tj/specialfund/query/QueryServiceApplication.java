package cn.tj.specialfund.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side (port 8082): builds the read models from the event store it shares with the command side,
 * answers every query, and rebuilds the read models on request. It never appends an event.
 */
@SpringBootApplication
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
