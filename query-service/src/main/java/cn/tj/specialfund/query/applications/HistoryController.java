package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.query.applicationstate.ApplicationFold;
import cn.tj.specialfund.query.audit.TransparencyLog;
import cn.tj.specialfund.query.applicationstate.ApplicationState;
import cn.tj.specialfund.query.web.Access;
import cn.tj.specialfund.support.eventstore.EventStoreConfiguration;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For auditors: what the event store itself says about one application, read from sequence 0 (never from
 * a snapshot), and the application as it stood at an instant, folded with the projections' own fold.
 */
@RestController
@RequestMapping("/api/applications/{id}")
class HistoryController {

    private final EventStore eventStore;
    private final ObjectMapper mapper;
    private final TransparencyLog transparencyLog;

    HistoryController(EventStore eventStore, ObjectMapper mapper, TransparencyLog transparencyLog) {
        this.eventStore = eventStore;
        this.mapper = mapper;
        this.transparencyLog = transparencyLog;
    }

    /**
     * The payload is the event's own JSON, written as it is (amounts keep their two decimals); {@code actorRole}
     * and {@code actorDistrict} say in whose name the actor acted (the district for a district officer).
     * {@code leafIndex} and {@code leafHash} (base64) name the event's leaf in the tree of every event (§9), null
     * until the tree builder has taken it in.
     */
    record HistoryEvent(long sequence, String type, Instant timestamp, String actor, String correlationId,
                        @JsonRawValue String payload, String actorRole, String actorDistrict,
                        Long leafIndex, String leafHash) {
    }

    record History(List<HistoryEvent> events) {
    }

    @GetMapping("/history")
    History history(@PathVariable UUID id) {
        List<? extends DomainEventMessage<?>> events = eventsOf(id);
        Access.requireHistoryVisible(districtOf(events));
        Map<String, TransparencyLog.Leaf> leaves = transparencyLog.leavesOf(
                events.stream().map(DomainEventMessage::getIdentifier).toList());
        return new History(events.stream().map(e -> {
            TransparencyLog.Leaf leaf = leaves.get(e.getIdentifier());
            return new HistoryEvent(e.getSequenceNumber(), e.getPayloadType().getSimpleName(), e.getTimestamp(),
                    text(e.getMetaData().get(Actor.USERNAME)),
                    text(e.getMetaData().get(EventStoreConfiguration.CORRELATION_ID)), json(e.getPayload()),
                    text(e.getMetaData().get(Actor.ROLE)), text(e.getMetaData().get(Actor.DISTRICT)),
                    leaf == null ? null : leaf.leafIndex(),
                    leaf == null ? null : Base64.getEncoder().encodeToString(leaf.leafHash()));
        }).toList());
    }

    /** Events at exactly {@code at} count; 404 if the application had not been submitted yet. */
    @GetMapping("/as-of")
    ApplicationView asOf(@PathVariable UUID id, @RequestParam Instant at) {
        List<? extends DomainEventMessage<?>> events = eventsOf(id);
        Access.requireDistrictVisible(districtOf(events));
        ApplicationState state = null;
        for (DomainEventMessage<?> event : events) {
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            state = ApplicationFold.apply(state, event);
        }
        if (state == null) {
            throw new RuleViolation(ErrorCode.NOT_FOUND, new Detail("申报项目 " + id + " 在 " + at + " 时尚未提交",
                    "application " + id + " did not exist at " + at));
        }
        return ApplicationView.of(state);
    }

    private List<? extends DomainEventMessage<?>> eventsOf(UUID id) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id.toString(), 0L).asStream().toList();
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof ApplicationSubmitted)) {
            throw ApplicationController.unknownApplication(id);
        }
        return events;
    }

    private static District districtOf(List<? extends DomainEventMessage<?>> events) {
        return ((ApplicationSubmitted) events.get(0).getPayload()).form().applicant().district();
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the payload of " + payload.getClass().getSimpleName(), e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
