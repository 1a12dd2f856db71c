package cn.tj.specialfund.support.audit;

import cn.tj.specialfund.verifier.EventContent;
import cn.tj.specialfund.verifier.EventSignatures;
import cn.tj.specialfund.verifier.NoteSigner;
import cn.tj.specialfund.verifier.NoteVerifier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.Map;
import java.util.Set;

/**
 * Signs an event as the JDBC storage engine is about to write it (docs/tamper-evidence.md, "Signed bytes"): the
 * {@link EventContent} is built from exactly the column values the engine writes (the aggregate fields as
 * {@link EventUtils#asDomainEventMessage} gives them, the timestamp as {@link DateTimeUtils#formatInstant}, the
 * payload and the metadata serialised with the event serializer), and the signature is added to the metadata as
 * the member {@value EventSignatures#METADATA_KEY}. Adding a member leaves the other members' JSON text as it was,
 * which is all the signed bytes depend on.
 */
public final class EventSigner {

    private final NoteSigner key;

    public EventSigner(NoteSigner key) {
        this.key = key;
    }

    public NoteVerifier verifier() {
        return key.verifier();
    }

    public EventMessage<?> sign(EventMessage<?> event, Serializer eventSerializer) {
        MetaData unsigned = event.getMetaData().withoutKeys(Set.of(EventSignatures.METADATA_KEY));
        return event.withMetaData(unsigned).andMetaData(
                Map.of(EventSignatures.METADATA_KEY, EventSignatures.sign(content(event, unsigned, eventSerializer), key)));
    }

    /** The columns of the row the storage engine writes for {@code event} with {@code metaData}, position aside. */
    static EventContent content(EventMessage<?> event, MetaData metaData, Serializer serializer) {
        DomainEventMessage<?> domain = EventUtils.asDomainEventMessage(event);
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        byte[] metadata = serializer.serialize(metaData, byte[].class).getData();
        return new EventContent(event.getIdentifier(), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                domain.getType(), DateTimeUtils.formatInstant(event.getTimestamp()), payload.getType().getName(),
                payload.getType().getRevision(), payload.getData(), metadata);
    }
}
