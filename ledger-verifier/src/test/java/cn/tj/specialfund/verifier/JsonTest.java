package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void parsesValuesAndWritesThemBack() {
        String text = "{\"a\":[1,-2.50,3e2,true,false,null],\"b\":\"\\u897f\\u9752 \\\"q\\\"\\n\",\"c\":{}}";
        Object value = Json.parse(text);
        assertThat(value).isEqualTo(Map.of("a", java.util.Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.50"),
                new BigDecimal("3e2"), true, false, null), "b", "西青 \"q\"\n", "c", Map.of()));
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void membersKeepTheirValuesSourceText() {
        Map<String, byte[]> members = Json.members("{ \"x\" : [1, 2] , \"y\":\"西\" }".getBytes(StandardCharsets.UTF_8));
        assertThat(members.keySet()).containsExactly("x", "y");
        assertThat(new String(members.get("x"), StandardCharsets.UTF_8)).isEqualTo("[1, 2]");
        assertThat(new String(members.get("y"), StandardCharsets.UTF_8)).isEqualTo("\"西\"");
    }

    @Test
    void refusesWhatIsNotStrictJson() {
        for (String text : List.of("", "{", "{\"a\":1,}", "[1,]", "{\"a\":1,\"a\":2}", "01", "1.", "-", "+1", "'a'",
                "\"\u0001\"", "\"\\x\"", "[1] 2", "{a:1}", "nul", "/* c */ 1", "\"abc")) {
            assertThatThrownBy(() -> Json.parse(text)).as(text).isInstanceOf(Json.JsonException.class);
        }
        assertThatThrownBy(() -> Json.parse(new byte[]{'"', (byte) 0xff, '"'})).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).isInstanceOf(Json.JsonException.class);
    }
}
