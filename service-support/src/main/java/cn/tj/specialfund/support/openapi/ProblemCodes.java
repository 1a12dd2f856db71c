package cn.tj.specialfund.support.openapi;

import cn.tj.specialfund.coreapi.rules.ErrorCode;

import java.util.EnumMap;
import java.util.Map;

/** What each problem {@code code} means, in the document's language (the contract §1, §4, §5, §7, §8). */
final class ProblemCodes {

    private static final Map<ErrorCode, String> MEANING = new EnumMap<>(ErrorCode.class);

    static {
        MEANING.put(ErrorCode.TOO_MANY_ATTEMPTS, "登录失败次数过多（同一用户名与地址 5 分钟内 10 次，或同一地址 100 次），5 分钟内拒绝；见 Retry-After");
        MEANING.put(ErrorCode.UNAUTHENTICATED, "未登录或用户名、密码错误（HTTP Basic）");
        MEANING.put(ErrorCode.PAYLOAD_TOO_LARGE, "请求体超过 256 KiB");
        MEANING.put(ErrorCode.INVALID_FIELD, "请求格式错误或字段无效（`field` 为 JSON 指针或参数名）");
        MEANING.put(ErrorCode.INVALID_CREDIT_CODE, "统一社会信用代码校验失败（GB 32100-2015）");
        MEANING.put(ErrorCode.NOT_FOUND, "编号不存在");
        MEANING.put(ErrorCode.FORBIDDEN, "角色或所属区无权执行（监控采集账号 METRICS 无权调用任何 API）");
        MEANING.put(ErrorCode.INVALID_STATE, "当前状态不允许此操作");
        MEANING.put(ErrorCode.DUPLICATE_APPLICANT, "同一申报单位（信用代码）在本次申报中已有项目");
        MEANING.put(ErrorCode.DIRECTION_CAP_REACHED, "该支持方向的支持项目数已满（1.1 至多 10 个）");
        MEANING.put(ErrorCode.DUPLICATE_VOUCHER, "该拨付凭证号在本次申报中已使用");
        MEANING.put(ErrorCode.NOT_MIIT_PILOT, "不是工信部试点示范的牵头申报单位");
        MEANING.put(ErrorCode.INVESTMENT_BEFORE_CUTOFF, "投资年度早于 2018 年");
        MEANING.put(ErrorCode.CONSTRUCTION_PERIOD_TOO_LONG, "在建项目建设期超过 2 年");
        MEANING.put(ErrorCode.EXCLUDED_COST_FUNDED, "不予支持的费用类别申请了专项资金");
        MEANING.put(ErrorCode.MATCHING_NOT_COMMITTED, "区审核通过须承诺 1:1 配套资金");
        MEANING.put(ErrorCode.MISSING_MATERIAL, "缺少必备申报材料");
        MEANING.put(ErrorCode.INDUSTRIAL_INTERNET_METRICS, "工业互联网指标只适用于且必须用于 2.x 方向");
        MEANING.put(ErrorCode.BUDGET_INCONSISTENT, "资金筹措与支出预算不一致");
        MEANING.put(ErrorCode.REQUEST_EXCEEDS_CEILING, "申请专项资金超过可申报档次的上限");
        MEANING.put(ErrorCode.NOTHING_TO_TOP_UP, "已达工信部试点示范档次上限，无可追加金额");
        MEANING.put(ErrorCode.DISBURSEMENT_EXCEEDS_COMMITMENT, "拨付金额超过该资金来源尚未拨付的承诺额");
        MEANING.put(ErrorCode.INVALID_PAYMENT_DATE, "拨付日期早于首次奖补日期或晚于今日（北京时间）");
    }

    private ProblemCodes() {
    }

    static String meaning(ErrorCode code) {
        return MEANING.getOrDefault(code, code.name());
    }
}
