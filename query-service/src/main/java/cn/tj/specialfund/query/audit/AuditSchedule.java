package cn.tj.specialfund.query.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A signed checkpoint every {@code ledger.audit.checkpoint-interval} while the tree grows (30 s unless configured:
 * the contract asks for one at least every minute), and the self-check every {@code ledger.audit.verify-interval}
 * (10 minutes; {@code ledger.audit.verify-enabled=false} switches it off, the endpoint still answers).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditSchedule {

    private static final Logger log = LoggerFactory.getLogger(AuditSchedule.class);

    private final TransparencyLog transparencyLog;
    private final LogSelfCheck selfCheck;
    private final boolean verifyEnabled;

    AuditSchedule(TransparencyLog transparencyLog, LogSelfCheck selfCheck,
                  @Value("${ledger.audit.verify-enabled:true}") boolean verifyEnabled) {
        this.transparencyLog = transparencyLog;
        this.selfCheck = selfCheck;
        this.verifyEnabled = verifyEnabled;
    }

    @Scheduled(fixedDelayString = "${ledger.audit.checkpoint-interval:30s}", initialDelayString = "${ledger.audit.checkpoint-interval:30s}")
    void checkpoint() {
        try {
            transparencyLog.signCheckpoint();
        } catch (RuntimeException e) {
            log.warn("No checkpoint signed this time: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${ledger.audit.verify-interval:10m}", initialDelayString = "${ledger.audit.verify-interval:10m}")
    void verify() {
        if (!verifyEnabled) {
            return;
        }
        try {
            selfCheck.verify();
        } catch (RuntimeException e) {
            log.warn("Scheduled self-check of the event log did not complete: {}", e.getMessage());
        }
    }
}
