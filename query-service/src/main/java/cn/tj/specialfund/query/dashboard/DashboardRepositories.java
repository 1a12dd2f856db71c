package cn.tj.specialfund.query.dashboard;

import org.springframework.data.jpa.repository.JpaRepository;

interface DirectionStatsRepository extends JpaRepository<DirectionStatsEntity, String> {
}

interface DistrictStatsRepository extends JpaRepository<DistrictStatsEntity, String> {
}
