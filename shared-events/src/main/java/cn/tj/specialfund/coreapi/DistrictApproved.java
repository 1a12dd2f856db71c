package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.District;
import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record DistrictApproved(UUID applicationId, District district, boolean matchingCommitted, String comment) {
}
