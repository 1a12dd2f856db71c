package cn.tj.specialfund.query.dashboard;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface DirectionStatsRepository extends JpaRepository<DirectionStatsEntity, String> {
}

interface DistrictStatsRepository extends JpaRepository<DistrictStatsEntity, String> {
}

interface CandidateRepository extends JpaRepository<CandidateEntity, String> {

    /** SCORED applications of a direction, best score first (earlier submission first on equal scores). */
    List<CandidateEntity> findByDirectionAndStatusOrderByScoreDescSubmittedAtAscSubmissionPositionAsc(
            String direction, String status);
}
