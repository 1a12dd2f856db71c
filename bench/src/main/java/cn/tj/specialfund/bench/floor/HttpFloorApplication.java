package cn.tj.specialfund.bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The HTTP floor: what any command must pay before the ledger does anything of its own. It runs on the
 * services' own stack (service-support: the same Tomcat, Spring Security chain with HTTP Basic and the cached
 * password check, the edge's filters, Jackson, Hikari on the same database) and answers one endpoint that
 * reads a submission's body and appends one row shaped like an event. The benchmark drives it with the same
 * client as the commands; commands / floor is the share of the request that the command path itself costs.
 */
@SpringBootApplication
public class HttpFloorApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(HttpFloorApplication.class);
        application.setAdditionalProfiles("demo");
        application.run(withConfigName(args));
    }

    private static String[] withConfigName(String[] args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--spring.config.name=http-floor";
        return all;
    }
}
