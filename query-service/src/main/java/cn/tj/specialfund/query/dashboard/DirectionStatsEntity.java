package cn.tj.specialfund.query.dashboard;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;

/** A row of {@code direction_stats}: the funnel and the money of one direction. */
@Entity
@Immutable
@Table(name = "direction_stats")
class DirectionStatsEntity {

    @Id
    String code;
    long submitted;
    @Column(name = "district_approved")
    long districtApproved;
    long scored;
    long awarded;
    @Column(name = "not_selected")
    long notSelected;
    @Column(name = "district_rejected")
    long districtRejected;
    @Column(name = "awarded_amount")
    BigDecimal awardedAmount;
    @Column(name = "top_up_amount")
    BigDecimal topUpAmount;
    @Column(name = "total_support")
    BigDecimal totalSupport;

    protected DirectionStatsEntity() {
    }
}
