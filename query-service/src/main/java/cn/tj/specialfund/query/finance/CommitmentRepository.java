package cn.tj.specialfund.query.finance;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;

interface CommitmentRepository extends JpaRepository<CommitmentEntity, String> {

    @Query("SELECT c FROM CommitmentEntity c ORDER BY c.committedAt, c.logPosition, c.eventId")
    List<CommitmentEntity> findAllInOrder();

    @Query("SELECT c FROM CommitmentEntity c WHERE c.committedAt <= :asOf ORDER BY c.committedAt, c.logPosition, c.eventId")
    List<CommitmentEntity> findUpTo(@Param("asOf") Instant asOf);
}
