package cn.tj.specialfund.query.finance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;

/** A row of {@code commitment_entry}. */
@Entity
@Immutable
@Table(name = "commitment_entry")
class CommitmentEntity {

    @Id
    @Column(name = "event_id")
    String eventId;
    @Column(name = "application_id")
    String applicationId;
    String kind;
    String direction;
    String district;
    String tier;
    BigDecimal amount;
    @Column(name = "municipal_share")
    BigDecimal municipalShare;
    @Column(name = "district_share")
    BigDecimal districtShare;
    @Column(name = "committed_at")
    Instant committedAt;
    @Column(name = "log_position")
    long logPosition;

    protected CommitmentEntity() {
    }
}
