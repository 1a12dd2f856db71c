package cn.tj.specialfund.allinone;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One service started as its own Spring context on a random port, configured by its own application.yml
 * (not the all-in-one's, which shadows it on this classpath), as a separate process would be.
 */
final class ServiceProcess implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceProcess(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static ServiceProcess start(Class<?> application, String module, IsolatedDatabase database, String... extra) {
        List<String> args = new ArrayList<>(database.arguments());
        args.add("--server.port=0");
        args.add("--spring.profiles.active=demo");
        args.add("--spring.config.location=" + ownConfiguration(module));
        Collections.addAll(args, extra);
        return new ServiceProcess(new SpringApplicationBuilder(application).run(args.toArray(String[]::new)));
    }

    /** The module's own application.yml on the classpath (in its classes folder or its jar). */
    static String ownConfiguration(String module) {
        try {
            for (URL url : Collections.list(ServiceProcess.class.getClassLoader().getResources("application.yml"))) {
                String location = url.toString();
                if (location.contains("/" + module + "/") || location.contains("/" + module + "-")) {
                    return location;
                }
            }
            throw new IllegalStateException("no application.yml of " + module + " on the test classpath");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
