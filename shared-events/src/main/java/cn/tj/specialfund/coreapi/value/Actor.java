package cn.tj.specialfund.coreapi.value;

import java.util.HashMap;
import java.util.Map;

/**
 * Who issues a command: travels as command metadata, so events record the acting user and the
 * aggregate can decide what the actor may do.
 */
public record Actor(String username, Role role, District district) {

    public static final String USERNAME = "actor";
    public static final String ROLE = "actorRole";
    public static final String DISTRICT = "actorDistrict";

    public static Actor of(String username, Role role) {
        return new Actor(username, role, null);
    }

    public static Actor districtOfficer(String username, District district) {
        return new Actor(username, Role.DISTRICT_OFFICER, district);
    }

    public boolean is(Role other) {
        return role == other;
    }

    public boolean isOfficerOf(District other) {
        return role == Role.DISTRICT_OFFICER && district == other;
    }

    public Map<String, Object> asMetaData() {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(USERNAME, username);
        metaData.put(ROLE, role.name());
        if (district != null) {
            metaData.put(DISTRICT, district.name());
        }
        return metaData;
    }

    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object username = metaData.get(USERNAME);
        Object role = metaData.get(ROLE);
        Object district = metaData.get(DISTRICT);
        return new Actor(username == null ? "anonymous" : username.toString(),
                role == null ? null : Role.valueOf(role.toString()),
                district == null ? null : District.valueOf(district.toString()));
    }
}
