package cn.tj.specialfund.command.api;

import cn.tj.specialfund.command.api.Responses.AwardResponse;
import cn.tj.specialfund.command.api.Responses.DisbursementResponse;
import cn.tj.specialfund.command.api.Responses.StatusResponse;
import cn.tj.specialfund.command.api.Responses.TopUpResponse;
import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.RecordDisbursement;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ReverseDisbursement;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.support.eventstore.EventStoreConfiguration;
import cn.tj.specialfund.support.security.CurrentActor;
import cn.tj.specialfund.support.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The commands of contract §4. Authentication (401) is the filter chain's, a malformed body (400) is refused
 * while it is read, an unknown id (404) when the application is loaded; who may act (403), the state (409)
 * and the rules of the call (422) are the aggregate's business.
 */
@RestController
@RequestMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
class ApplicationCommandController {

    private final CommandGateway commands;

    ApplicationCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<StatusResponse> submit(@RequestBody SubmitApplicationRequest body, HttpServletRequest request) {
        UUID id = UUID.randomUUID();
        send(new SubmitApplication(id, body.toForm()), request);
        return ResponseEntity.created(URI.create("/api/applications/" + id))
                .body(new StatusResponse(id, ApplicationStatus.SUBMITTED));
    }

    @PostMapping("/{id}/district-review")
    StatusResponse reviewInDistrict(@PathVariable String id, @RequestBody DistrictReviewRequest body,
                                    HttpServletRequest request) {
        return status(id, request, applicationId -> switch (body.decision()) {
            case APPROVE -> new ApproveInDistrict(applicationId, body.committed(), body.comment());
            case REJECT -> new RejectInDistrict(applicationId, body.comment());
        });
    }

    @PostMapping("/{id}/score")
    StatusResponse score(@PathVariable String id, @RequestBody ScoreRequest body, HttpServletRequest request) {
        return status(id, request, applicationId -> new ScoreApplication(applicationId, body.score(), body.reviewer()));
    }

    @PostMapping("/{id}/award")
    AwardResponse award(@PathVariable String id, @RequestBody AwardRequest body, HttpServletRequest request) {
        ApplicationAwarded awarded = send(id, request, applicationId -> new AwardApplication(applicationId, body.tier()));
        return AwardResponse.of(awarded);
    }

    @PostMapping("/{id}/reject")
    StatusResponse reject(@PathVariable String id, @RequestBody RejectRequest body, HttpServletRequest request) {
        return status(id, request, applicationId -> new RejectApplication(applicationId, body.reason()));
    }

    @PostMapping("/{id}/top-up")
    TopUpResponse topUp(@PathVariable String id, @RequestBody TopUpRequest body, HttpServletRequest request) {
        AwardToppedUp toppedUp = send(id, request,
                applicationId -> new TopUpAward(applicationId, body.miitPilot(), body.reviewReference()));
        return TopUpResponse.of(toppedUp);
    }

    @PostMapping("/{id}/disbursements")
    ResponseEntity<DisbursementResponse> disburse(@PathVariable String id, @RequestBody DisbursementRequest body,
                                                  HttpServletRequest request) {
        UUID disbursementId = UUID.randomUUID();
        DisbursementRecorded recorded = send(id, request, applicationId -> new RecordDisbursement(applicationId,
                disbursementId, body.source(), body.amount(), body.paidOn(), body.voucher()));
        return ResponseEntity.created(URI.create("/api/applications/" + id + "/disbursements/" + disbursementId))
                .body(DisbursementResponse.of(recorded));
    }

    /** A disbursement id that is not a UUID names no disbursement of the application: 404 like any unknown one. */
    @PostMapping("/{id}/disbursements/{disbursementId}/reversal")
    DisbursementResponse reverse(@PathVariable String id, @PathVariable String disbursementId,
                                 @RequestBody ReversalRequest body, HttpServletRequest request) {
        UUID disbursement = parse(disbursementId);
        DisbursementReversed reversed = send(id, request, applicationId -> new ReverseDisbursement(applicationId,
                disbursement == null ? new UUID(0, 0) : disbursement, body.reason()));
        return DisbursementResponse.of(reversed);
    }

    private StatusResponse status(String id, HttpServletRequest request, Function<UUID, Object> command) {
        ApplicationStatus status = send(id, request, command);
        return new StatusResponse(UUID.fromString(id), status);
    }

    /**
     * Builds the command first, so that an invalid body (400) answers before an id that cannot exist (404):
     * a path that is not a UUID names no application, like any unknown id.
     */
    private <R> R send(String id, HttpServletRequest request, Function<UUID, Object> command) {
        UUID applicationId = parse(id);
        Object built = command.apply(applicationId);
        if (applicationId == null) {
            throw new AggregateNotFoundException(id, "no application " + id);
        }
        return send(built, request);
    }

    /** The acting user and the request's correlation id travel as metadata and end up on every event. */
    private <R> R send(Object command, HttpServletRequest request) {
        Actor actor = CurrentActor.get();
        Map<String, Object> metaData = actor.asMetaData();
        metaData.put(EventStoreConfiguration.CORRELATION_ID, CorrelationIdFilter.of(request));
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).withMetaData(MetaData.from(metaData)));
    }

    private static UUID parse(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equalsIgnoreCase(id) ? uuid : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
