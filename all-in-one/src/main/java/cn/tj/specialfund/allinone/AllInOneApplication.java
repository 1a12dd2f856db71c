package cn.tj.specialfund.allinone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The command side and the query side in one process (port 8080, H2 file database, demo users): the
 * embedded way to try the whole system with one command. The services' own application classes are left
 * out of the scan, so each side contributes its components exactly once.
 *
 * <p>{@code --sample-call} (or {@code ledger.sample-call.enabled=true}) loads the realistic sample call.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"cn.tj.specialfund.allinone", "cn.tj.specialfund.command", "cn.tj.specialfund.query"},
        excludeFilters = {
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class)})
@EntityScan({"cn.tj.specialfund.command", "cn.tj.specialfund.query"})
@EnableJpaRepositories({"cn.tj.specialfund.command", "cn.tj.specialfund.query"})
public class AllInOneApplication {

    public static void main(String[] args) {
        SpringApplication.run(AllInOneApplication.class, SampleCallSwitch.translate(args));
    }
}
