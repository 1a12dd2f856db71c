package cn.tj.specialfund.coreapi;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record ApplicationNotSelected(UUID applicationId, String reason) {
}
