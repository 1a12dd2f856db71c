package cn.tj.specialfund.allinone.dashboard;

import cn.tj.specialfund.allinone.AllInOneApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The all-in-one as a browser test starts it: a fresh in-memory H2 database of its own, a free port. */
final class EmbeddedSystem {

    private EmbeddedSystem() {
    }

    /** {@code name} names the database (for a reader of the logs); {@code settings} are further arguments. */
    static ConfigurableApplicationContext start(String name, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + name + "_" + UUID.randomUUID().toString().replace("-", "")
                        + ";DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password="));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(AllInOneApplication.class).run(args.toArray(String[]::new));
    }
}
