package cn.tj.specialfund.command.api;

/** The longer descriptions of the commands in the API document (contract §1, §4, §8). */
final class CommandApiTexts {

    private CommandApiTexts() {
    }

    static final String SUBMIT = """
            提交一个项目的申报（一个申报单位在本次申报中只能有一个项目、一个支持方向）。规则（422，按此顺序检查）：\
            投资年度不早于 2018 年；在建项目建设期不超过 2 年；DIGITAL_PRODUCTION_EQUIPMENT、TEST_INSTRUMENTS、\
            CIVIL_WORKS 计入总投资但不计入合规投资，也不得申请专项资金；必备材料 APPLICATION_FORM、CONSTRUCTION_PLAN、\
            ASSESSMENT_REPORT，已建成项目另需 INVESTMENT_PROOF；工业互联网指标（industrialInternet）只用于且必须用于 2.x \
            方向；资金筹措与支出预算一致（每行 total = selfRaised + specialFunds，两表合计相等）；申请的专项资金不超过\
            可申报档次的上限（市级示范 20%、至多 300 万元；工信部试点示范 30%、至多 500 万元，须为 2019 年工信部试点示范\
            牵头单位并附 MIIT_APPROVAL）。

            输入限制（400 INVALID_FIELD，`field` 为 JSON 指针）：funding 1–10 行，expenditures 1–15 行，materials 至多 7 项；\
            projectName、applicant.name 至多 200 字，basis 至多 1000 字，benefits 至多 4000 字，不得含控制字符；\
            金额最多两位小数。`miitPilot` 与 `industrialInternet` 可为 null。
            """;

    static final String AWARD = """
            对已评审（SCORED）的申报立项支持。金额 = min(申请专项资金, 档次上限)，档次上限 = floor_to_fen(min(比例 × \
            合规投资, 封顶))：MUNICIPAL 市级示范 20%、300 万元；MIIT_PILOT 工信部试点示范 30%、500 万元（须可申报该档次，\
            否则 422 NOT_MIIT_PILOT）。市区 1:1 分担：districtShare = floor_to_fen(amount / 2)，municipalShare = amount − \
            districtShare。方向 1.1 至多支持 10 个项目（第 11 个 → 409 DIRECTION_CAP_REACHED，多副本并发下同样成立）。
            """;

    static final String TOP_UP = """
            市级示范立项的项目后来入选工信部试点示范（二(四)）：补齐到工信部试点示范档次上限，追加额 = 档次上限(MIIT_PILOT) − \
            已立项金额，只能一次，只适用于 MUNICIPAL 立项（其他 → 409 INVALID_STATE）；`leadApplicant: false` → 422 \
            NOT_MIIT_PILOT；已达上限 → 422 NOTHING_TO_TOP_UP。档次变为 MIIT_PILOT。
            """;

    static final String DISBURSE = """
            记录一笔实际拨付（承诺不等于拨付）：MUNICIPAL 市级资金或 DISTRICT 区级配套资金，凭证号与拨付日期（北京时间）。\
            只适用于 AWARDED 或 TOPPED_UP（否则 409 INVALID_STATE）；凭证号在本次申报中只能用一次（409 DUPLICATE_VOUCHER）；\
            金额不得超过该资金来源尚未拨付的承诺额（422 DISBURSEMENT_EXCEEDS_COMMITMENT）；拨付日期不得早于首次立项日期、\
            不得晚于今日（422 INVALID_PAYMENT_DATE）。voucher 必填，至多 1000 字。
            """;
}
