package cn.tj.specialfund.support.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The password check, answering a wrong password and an unknown user name after the same time, so that
 * user names cannot be enumerated by timing.
 * <p>
 * Spring's {@code DaoAuthenticationProvider} equalises the two by hashing every unknown name's password
 * against a dummy bcrypt hash: each guessed name then costs the server a full bcrypt of CPU, which an
 * attacker can spend at will. Here no hash is computed for an unknown name; instead every failed check,
 * of either kind, is answered no sooner than {@code floor} after it began, or after the time that real
 * checks of known users take (a moving average), whichever is longer. A failure then costs a sleeping
 * request thread, not CPU, and the throttle ({@link LoginThrottle}) bounds how many of them one client gets.
 * The floor also covers the demo users' plain-text passwords, whose wrong answers would otherwise be instant.
 */
final class UniformPasswordCheck implements AuthenticationProvider {

    static final String DETAIL = "用户名或密码错误";

    private final UserDetailsService users;
    private final PasswordEncoder encoder;
    private final long floorNanos;
    private volatile long typicalCheckNanos;

    UniformPasswordCheck(UserDetailsService users, PasswordEncoder encoder, Duration floor) {
        this.users = users;
        this.encoder = encoder;
        this.floorNanos = floor.toNanos();
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        long started = System.nanoTime();
        Object presented = authentication.getCredentials();
        UserDetails user = find(authentication.getName());
        if (user != null && presented != null) {
            boolean matches = encoder.matches(presented.toString(), user.getPassword());
            remember(System.nanoTime() - started);
            if (matches) {
                return UsernamePasswordAuthenticationToken.authenticated(user, presented, user.getAuthorities());
            }
        }
        waitUntil(started + Math.max(floorNanos, typicalCheckNanos));
        throw new BadCredentialsException(DETAIL);
    }

    private UserDetails find(String username) {
        try {
            return users.loadUserByUsername(username);
        } catch (UsernameNotFoundException unknown) {
            return null;
        }
    }

    /** An exponential moving average over the last few dozen checks: one slow check moves it little. */
    private void remember(long nanos) {
        long typical = typicalCheckNanos;
        typicalCheckNanos = typical == 0 ? nanos : typical + (nanos - typical) / 16;
    }

    private static void waitUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        while (remaining > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            remaining = deadline - System.nanoTime();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
