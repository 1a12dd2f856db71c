package cn.tj.specialfund.coreapi.value;

import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.function.Function;

/**
 * An amount of CNY yuan, exact to the fen (scale 2), never negative. Every rounding rule of the call
 * lives here: amounts only ever round down to the fen.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** Larger than any honest budget line; anything above is a typing error, not a project. */
    public static final BigDecimal MAXIMUM = new BigDecimal("1000000000000.00");
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        if (amount == null) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("金额为必填项", "amount is required"));
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("金额 " + amount.toPlainString() + " 超过两位小数（精确到分）",
                    "amount " + amount.toPlainString() + " has more than 2 decimals"));
        }
        if (amount.signum() < 0) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("金额 " + amount.toPlainString() + " 不得为负数",
                    "amount " + amount.toPlainString() + " is negative"));
        }
        if (amount.compareTo(MAXIMUM) > 0) {
            throw new RuleViolation(ErrorCode.INVALID_FIELD, new Detail("金额 " + amount.toPlainString() + " 超过上限 " + MAXIMUM.toPlainString() + " 元",
                    "amount " + amount.toPlainString() + " exceeds " + MAXIMUM.toPlainString()));
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    @JsonCreator
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public static Money of(long yuan) {
        return new Money(BigDecimal.valueOf(yuan));
    }

    /** Rounds an exact intermediate result down to the fen: the call's only rounding rule. */
    public static Money floorToFen(BigDecimal exact) {
        return new Money(exact.setScale(2, RoundingMode.FLOOR));
    }

    public static <T> Money sum(Collection<T> items, Function<T, Money> amountOf) {
        return items.stream().map(amountOf).reduce(ZERO, Money::plus);
    }

    @JsonValue
    public BigDecimal amount() {
        return amount;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    /** Difference that may not go below zero; callers check {@link #isGreaterThan} first where that matters. */
    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    /** The exact product with a rate, rounded down to the fen. */
    public Money times(BigDecimal rate) {
        return floorToFen(amount.multiply(rate));
    }

    /** Half, rounded down to the fen: the district's side of a 1:1 split. */
    public Money halfFloored() {
        return floorToFen(amount.divide(BigDecimal.valueOf(2), 3, RoundingMode.FLOOR));
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** Yuan with thousands separators and two decimals (1,800,000.00), as a person reads an amount. */
    public String grouped() {
        return new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
