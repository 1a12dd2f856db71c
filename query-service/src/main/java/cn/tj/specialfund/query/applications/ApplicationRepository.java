package cn.tj.specialfund.query.applications;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ApplicationRepository extends JpaRepository<ApplicationEntity, String>,
        JpaSpecificationExecutor<ApplicationEntity> {
}
