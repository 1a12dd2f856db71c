package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.query.projection.ApplicationStateTable;
import cn.tj.specialfund.query.projection.ApplicationStatesBatch;
import cn.tj.specialfund.query.projection.ProcessingGroups;
import cn.tj.specialfund.query.projection.ProjectionBatches;
import cn.tj.specialfund.query.projection.ReadModelRebuild;
import cn.tj.specialfund.query.projection.RebuildableReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Keeps {@code application_view}: every application as its events left it. */
@Component
@ProcessingGroup(ProcessingGroups.APPLICATIONS)
class ApplicationProjection implements RebuildableReadModel {

    static final String TABLE = "application_view";

    private final ProjectionBatches batches;
    private final ApplicationStateTable table;

    ApplicationProjection(ProjectionBatches batches, JdbcTemplate jdbc) {
        this.batches = batches;
        this.table = new ApplicationStateTable(TABLE, jdbc);
    }

    @EventHandler
    void on(ApplicationSubmitted event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(DistrictApproved event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(DistrictRejected event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(ApplicationScored event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(ApplicationAwarded event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(ApplicationNotSelected event, EventMessage<?> message) {
        apply(message);
    }

    @EventHandler
    void on(AwardToppedUp event, EventMessage<?> message) {
        apply(message);
    }

    private void apply(EventMessage<?> message) {
        batches.current(ProcessingGroups.APPLICATIONS, messages -> new ApplicationStatesBatch(table, messages))
                .apply(message);
    }

    @Override
    public String processingGroup() {
        return ProcessingGroups.APPLICATIONS;
    }

    @Override
    public ReadModelRebuild startRebuild() {
        Map<UUID, ApplicationState> states = new LinkedHashMap<>();
        return new ReadModelRebuild() {
            @Override
            public void apply(TrackedEventMessage<?> event) {
                UUID id = ApplicationFold.applicationId(event.getPayload());
                if (id != null) {
                    states.put(id, ApplicationFold.apply(states.get(id), event));
                }
            }

            @Override
            public void replaceLive() {
                table.deleteAll();
                table.insert(states.values());
            }
        };
    }
}
