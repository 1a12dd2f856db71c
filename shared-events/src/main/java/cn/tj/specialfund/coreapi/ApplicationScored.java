package cn.tj.specialfund.coreapi;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.UUID;

@Revision("1")
public record ApplicationScored(UUID applicationId, BigDecimal score, String reviewer) {
}
