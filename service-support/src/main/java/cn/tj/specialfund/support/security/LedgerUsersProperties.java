package cn.tj.specialfund.support.security;

import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * Production users, from configuration ({@code ledger.security.users[n].*}). Passwords are stored hashed,
 * with their algorithm as prefix, e.g. {@code {bcrypt}$2a$10$...}; there are no default users outside
 * the {@code demo} profile.
 */
@ConfigurationProperties("ledger.security")
public class LedgerUsersProperties {

    private List<User> users = new ArrayList<>();

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public static class User {
        private String username;
        private String password;
        private Role role;
        private District district;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Role getRole() {
            return role;
        }

        public void setRole(Role role) {
            this.role = role;
        }

        public District getDistrict() {
            return district;
        }

        public void setDistrict(District district) {
            this.district = district;
        }
    }
}
