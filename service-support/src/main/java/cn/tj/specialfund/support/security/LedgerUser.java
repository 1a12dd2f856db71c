package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** A user of the ledger: one role, and for a district officer the district they act for. */
public record LedgerUser(String username, String password, Role role, District district) implements UserDetails {

    public LedgerUser {
        if (role == Role.DISTRICT_OFFICER && district == null) {
            throw new IllegalArgumentException("district officer " + username + " needs a district");
        }
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return username;
    }

    public Actor actor() {
        return new Actor(username, role, role == Role.DISTRICT_OFFICER ? district : null);
    }
}
