package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Money;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void keepsTwoDecimals() {
        assertThat(Money.of(1200000).amount()).isEqualTo(new BigDecimal("1200000.00"));
        assertThat(Money.of("0.1").plus(Money.of("0.2"))).isEqualTo(Money.of("0.30"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "-0.01", "1000000000000.01"})
    void refusesMoreThanTwoDecimalsNegativeOrAbsurdAmounts(String amount) {
        assertThatThrownBy(() -> Money.of(amount))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void roundsOnlyDownToTheFen() {
        assertThat(Money.of("3703703.67").amount()).isEqualTo("3703703.67");
        assertThat(Money.of("12345678.91").times(new BigDecimal("0.30"))).isEqualTo(Money.of("3703703.67"));
        assertThat(Money.of("1000000.01").halfFloored()).isEqualTo(Money.of("500000.00"));
        assertThat(Money.of("0.01").halfFloored()).isEqualTo(Money.ZERO);
    }

    @Test
    void isAPlainJsonNumber() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(Money.of("1200000.5"))).isEqualTo("1200000.50");
        assertThat(mapper.readValue("1234.56", Money.class)).isEqualTo(Money.of("1234.56"));
    }
}
