package cn.tj.specialfund.readmodelexample.awardcount;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The example read model's answer: {@code GET /api/example/award-counts} → awards per direction code. */
@RestController
class AwardCountController {

    private final AwardCounts counts;

    AwardCountController(JdbcTemplate jdbc) {
        this.counts = new AwardCounts(jdbc);
    }

    @GetMapping("/api/example/award-counts")
    Map<String, Long> counts() {
        return counts.all();
    }
}
