package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;

import java.util.stream.LongStream;

/** 工业互联网建设成效 of 附件9-1, reported by industrial-internet (2.x) projects only. */
public record IndustrialInternetMetrics(long connectedDevices, long sensorPoints, long cloudSoftware,
                                        long industrialApps, long mechanismModels, long registeredUsers,
                                        long enterpriseUsers) {
    public IndustrialInternetMetrics {
        if (LongStream.of(connectedDevices, sensorPoints, cloudSoftware, industrialApps, mechanismModels,
                registeredUsers, enterpriseUsers).anyMatch(v -> v < 0)) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("工业互联网平台指标（industrialInternet）不得为负数",
                    "industrialInternet indicators may not be negative"));
        }
    }
}
