package cn.tj.specialfund.command;

import java.util.UUID;

/** Set-based guard of §8: a payment voucher (拨款凭证) is used once in the whole call, whatever its application. */
interface VoucherRegistry {

    /**
     * Records the voucher in the command's transaction, so a payment refused later releases it again.
     *
     * @throws cn.tj.specialfund.coreapi.rules.RuleViolation DUPLICATE_VOUCHER if the voucher was already used
     */
    void register(String voucher, UUID applicationId, UUID disbursementId);
}
