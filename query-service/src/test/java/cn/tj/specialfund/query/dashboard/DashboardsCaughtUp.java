package cn.tj.specialfund.query.dashboard;

import org.springframework.context.ApplicationContext;

import java.time.Instant;

/** For tests over HTTP: waits until the dashboards answer from a snapshot taken at the processor's tokens. */
public final class DashboardsCaughtUp {

    private DashboardsCaughtUp() {
    }

    public static void await(ApplicationContext context) {
        DashboardSnapshots snapshots = context.getBean(DashboardSnapshots.class);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!snapshots.isCurrent()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the dashboard snapshot did not catch up with its processor within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
