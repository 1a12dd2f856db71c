package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.value.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No user enumeration by timing: an unknown name is answered after the same time as a wrong password. */
class UniformPasswordCheckTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final Map<String, LedgerUser> USERS = Map.of(
            "auditor", new LedgerUser("auditor", ENCODER.encode("correct horse"), Role.AUDITOR, null),
            "demo", new LedgerUser("demo", "{noop}demo", Role.AUDITOR, null));

    private final UniformPasswordCheck check = new UniformPasswordCheck(username -> {
        LedgerUser user = USERS.get(username);
        if (user == null) {
            throw new UsernameNotFoundException(username);
        }
        return user;
    }, ENCODER, Duration.ofMillis(20));

    @Test
    void theRightPasswordAuthenticates() {
        assertThat(check.authenticate(token("auditor", "correct horse")).getAuthorities())
                .extracting(Object::toString).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void anUnknownUserTakesAsLongAsAWrongBcryptPassword() {
        check.authenticate(token("auditor", "correct horse"));
        long wrong = medianMillis("auditor");
        long unknown = medianMillis("no-such-user");
        assertThat(unknown).as("unknown %d ms vs wrong password %d ms", unknown, wrong)
                .isBetween(wrong / 2, wrong * 2);
    }

    @Test
    void anUnknownUserTakesAsLongAsAWrongPlainPassword() {
        long wrong = medianMillis("demo");
        long unknown = medianMillis("no-such-user");
        assertThat(wrong).as("a wrong answer is never faster than the floor").isGreaterThanOrEqualTo(20);
        assertThat(unknown).as("unknown %d ms vs wrong password %d ms", unknown, wrong)
                .isBetween(wrong / 2, wrong * 2);
    }

    private long medianMillis(String username) {
        long[] millis = new long[7];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> check.authenticate(token(username, "wrong")))
                    .isInstanceOf(BadCredentialsException.class).hasMessage(UniformPasswordCheck.DETAIL);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    private static UsernamePasswordAuthenticationToken token(String username, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
    }
}
