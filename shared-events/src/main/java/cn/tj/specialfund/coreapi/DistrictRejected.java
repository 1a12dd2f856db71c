package cn.tj.specialfund.coreapi;

import cn.tj.specialfund.coreapi.value.District;
import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record DistrictRejected(UUID applicationId, District district, String comment) {
}
