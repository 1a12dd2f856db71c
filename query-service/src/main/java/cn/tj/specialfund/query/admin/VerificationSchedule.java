package cn.tj.specialfund.query.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the verification every {@code ledger.verify.interval} (10 minutes unless configured; the first run one
 * interval after start), the same one as {@code GET /api/admin/projections/verify}, so its gauges follow the read
 * models. {@code ledger.verify.enabled=false} switches it off (the endpoint still answers).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "ledger.verify.enabled", havingValue = "true", matchIfMissing = true)
class VerificationSchedule {

    private static final Logger log = LoggerFactory.getLogger(VerificationSchedule.class);

    private final ProjectionVerification verification;

    VerificationSchedule(ProjectionVerification verification) {
        this.verification = verification;
    }

    @Scheduled(fixedDelayString = "${ledger.verify.interval:10m}", initialDelayString = "${ledger.verify.interval:10m}")
    void verify() {
        try {
            ProjectionVerification.Result result = verification.verify();
            if (!result.consistent()) {
                log.error("The read models differ from the event log at position {}: {} differences, the first {}; "
                        + "rebuild them (POST /api/admin/projections/rebuild)", result.position(),
                        result.differenceCount(), result.differences().get(0));
            }
        } catch (ProjectionVerification.RebuildInProgress e) {
            log.info("Scheduled verification skipped: a rebuild is running");
        } catch (RuntimeException e) {
            log.warn("Scheduled verification did not complete: {}", e.getMessage());
        }
    }
}
