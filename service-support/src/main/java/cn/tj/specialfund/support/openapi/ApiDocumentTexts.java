package cn.tj.specialfund.support.openapi;

/** The document's longer texts, kept out of the code that assembles it. */
public final class ApiDocumentTexts {

    private ApiDocumentTexts() {
    }

    public static final String INTRODUCTION = """
            天津市 2020 年信息化与工业化融合及工业互联网示范项目专项资金的记录系统：申报、区级审核、评审、奖补、追加、\
            拨付与区级配套、审计查询与防篡改证明。本文档由服务的代码生成（springdoc-openapi），与服务所映射的接口一一对应。

            - 认证：HTTP Basic（点击 Authorize）。每个接口的角色见其说明与 `x-roles`。
            - 金额：人民币元，JSON 数字，最多两位小数；应答中总是两位小数（如 1600000.00）。请求中超过两位小数 → 400。
            - 错误：`application/problem+json`，带稳定的 `code`；检查顺序 429、401、413、400、404、403、409、422，\
            第一个失败的检查作答。`detail` 默认中文，`Accept-Language: en` 时为英文。
            - 命令（POST）由 command-service 处理；查询（GET）由 query-service 处理，读模型最终一致，客户端轮询。
            """;
}
