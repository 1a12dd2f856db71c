package cn.tj.specialfund.query.dashboard;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;

/** A row of {@code district_stats}: what one district has been awarded and owes. */
@Entity
@Immutable
@Table(name = "district_stats")
class DistrictStatsEntity {

    @Id
    String code;
    @Column(name = "awarded_projects")
    long awardedProjects;
    @Column(name = "total_support")
    BigDecimal totalSupport;
    @Column(name = "municipal_share")
    BigDecimal municipalShare;
    @Column(name = "matching_obligation")
    BigDecimal matchingObligation;
    @Column(name = "pending_exposure")
    BigDecimal pendingExposure;

    protected DistrictStatsEntity() {
    }
}
