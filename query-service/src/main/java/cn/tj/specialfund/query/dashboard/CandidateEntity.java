package cn.tj.specialfund.query.dashboard;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;

/** The columns of {@code dashboard_application} the cap view needs. */
@Entity
@Immutable
@Table(name = "dashboard_application")
class CandidateEntity {

    @Id
    String id;
    @Column(name = "project_name")
    String projectName;
    String direction;
    String status;
    BigDecimal score;
    @Column(name = "submitted_at")
    Instant submittedAt;
    @Column(name = "submission_position")
    long submissionPosition;

    protected CandidateEntity() {
    }
}
