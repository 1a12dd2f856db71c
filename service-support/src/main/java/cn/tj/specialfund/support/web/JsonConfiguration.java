package cn.tj.specialfund.support.web;

import cn.tj.specialfund.coreapi.value.Money;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One form of money in every JSON answer of every process (contract §1): a JSON number in yuan with exactly two
 * decimals, as the contract's examples write amounts (800000.00), whether the amount is a {@link Money} or a
 * {@link BigDecimal} read from a table. Other decimals (a score, a rate) keep their own digits but are never
 * written in exponent notation (1.6E+6).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /** Picked up by Spring Boot's ObjectMapper (HTTP answers); Axon's event serializer keeps its own mapper. */
    @Bean
    public SimpleModule ledgerMoneyModule() {
        SimpleModule module = new SimpleModule("ledger-money");
        module.addSerializer(Money.class, new MoneySerializer());
        module.addSerializer(BigDecimal.class, new PlainDecimalSerializer());
        return module;
    }

    /** Yuan with two decimals: 1600000 → 1600000.00. */
    public static BigDecimal yuan(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    static final class MoneySerializer extends StdSerializer<Money> {
        MoneySerializer() {
            super(Money.class);
        }

        @Override
        public void serialize(Money money, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeNumber(yuan(money.amount()).toPlainString());
        }
    }

    static final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {
        PlainDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeNumber(value.toPlainString());
        }
    }
}
