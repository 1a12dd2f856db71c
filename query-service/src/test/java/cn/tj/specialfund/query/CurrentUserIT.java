package cn.tj.specialfund.query;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/me: each demo user learns its own role (and a district officer its district), nobody else's. */
class CurrentUserIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static QueryService service;

    @BeforeAll
    static void start() {
        service = QueryService.start(DATABASE);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        DATABASE.drop();
    }

    @Test
    void everyRoleLearnsWhoItIs() {
        record Expected(String user, String role, String displayName) {
        }
        for (Expected expected : List.of(new Expected("manager", "PROGRAM_MANAGER", "项目管理"),
                new Expected("reviewer", "REVIEWER", "评审专家"), new Expected("finance", "FINANCE", "财政"),
                new Expected("auditor", "AUDITOR", "审计"), new Expected("admin", "ADMIN", "管理员"))) {
            QueryService.Response response = service.get(expected.user(), "/api/me");
            assertThat(response.status()).as(expected.user()).isEqualTo(200);
            JsonNode me = response.json();
            assertThat(me.path("user").asText()).isEqualTo(expected.user());
            assertThat(me.path("roles")).hasSize(1);
            assertThat(me.path("roles").get(0).asText()).isEqualTo(expected.role());
            assertThat(me.path("district").isNull()).as(expected.user() + " has no district").isTrue();
            assertThat(me.path("displayName").asText()).isEqualTo(expected.displayName());
        }
    }

    @Test
    void aDistrictOfficerLearnsItsDistrict() {
        JsonNode me = service.get("district-xiqing", "/api/me").json();
        assertThat(me.path("user").asText()).isEqualTo("district-xiqing");
        assertThat(me.path("roles").get(0).asText()).isEqualTo("DISTRICT_OFFICER");
        assertThat(me.path("district").asText()).isEqualTo("XIQING");
        assertThat(me.path("displayName").asText()).isEqualTo("西青区主管部门");
        assertThat(service.get("district-binhai", "/api/me").json().path("district").asText()).isEqualTo("BINHAI");
    }

    @Test
    void withoutCredentialsIs401AndTheScrapeAccountIs403() {
        QueryService.Response anonymous = service.get(null, "/api/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        QueryService.Response metrics = service.get("metrics", "/api/me");
        assertThat(metrics.status()).isEqualTo(403);
        assertThat(metrics.code()).isEqualTo("FORBIDDEN");
    }
}
