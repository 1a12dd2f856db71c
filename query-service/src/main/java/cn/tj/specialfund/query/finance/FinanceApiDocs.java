package cn.tj.specialfund.query.finance;

import cn.tj.specialfund.query.web.QueryApiTexts;
import cn.tj.specialfund.support.openapi.ApiDocs;
import cn.tj.specialfund.support.openapi.EndpointDoc;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.tj.specialfund.coreapi.rules.ErrorCode.INVALID_FIELD;
import static cn.tj.specialfund.coreapi.value.Role.ADMIN;
import static cn.tj.specialfund.coreapi.value.Role.AUDITOR;
import static cn.tj.specialfund.coreapi.value.Role.FINANCE;
import static cn.tj.specialfund.coreapi.value.Role.PROGRAM_MANAGER;

/** The commitments ledger in the API document: the controller streams its answer, so its shape is named here. */
@Component
class FinanceApiDocs implements ApiDocs {

    /** The JSON {@link FinanceController#commitments} writes, field by field. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "Commitments")
    record Commitments(Instant asOf, BigDecimal totalCommitted, BigDecimal municipal, BigDecimal district,
                       List<FinanceController.ByDirection> byDirection, List<FinanceController.ByDistrict> byDistrict,
                       Map<String, BigDecimal> byTier, long entryCount, List<FinanceController.Entry> entries) {
    }

    @Override
    public List<EndpointDoc> endpoints() {
        return List.of(EndpointDoc.get("/api/finance/commitments").summary("资金承诺（奖补与追加）")
                .description(QueryApiTexts.COMMITMENTS)
                .roles(FINANCE, PROGRAM_MANAGER, AUDITOR, ADMIN)
                .problems(INVALID_FIELD).query("entriesPage", "0").query("entriesSize", "100")
                .produces("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .responseType(Commitments.class)
                .success(200, "承诺汇总与一页承诺记录").build());
    }
}
