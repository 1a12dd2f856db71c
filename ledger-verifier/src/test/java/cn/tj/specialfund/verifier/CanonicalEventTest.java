package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonical bytes: stable, injective, decodable, and the signature's exclusion. */
class CanonicalEventTest {

    private static final NoteSigner EVENT_KEY = NoteSigner.generate("tianjin-special-fund-2020-events");

    static EventContent content(String payload, String metadata) {
        return new EventContent("e-1", "a-1", 3, "Application", "2020-12-01T02:00:00.123Z",
                "cn.tj.specialfund.coreapi.events.ApplicationAwarded", null,
                payload.getBytes(StandardCharsets.UTF_8), metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLeafBytesAreFixed() {
        CanonicalEvent event = new CanonicalEvent(17, content("{\"amount\":1200000.00}", "{\"username\":\"manager\"}"));
        // Pinned: a change here changes every leaf of every log, so it is a new format version, never an edit.
        assertThat(HexFormat.of().formatHex(event.leafBytes())).isEqualTo(
                "000000217370656369616c2d66756e642d6c65646765722f6576656e742d6c6561662f7631"
                        + "0000000000000011" + "00000003652d31" + "00000003612d31" + "0000000000000003"
                        + "01" + "0000000b4170706c69636174696f6e"
                        + "00000018323032302d31322d30315430323a30303a30302e3132335a"
                        + "00000033636e2e746a2e7370656369616c66756e642e636f72656170692e6576656e74732e4170706c69636174696f6e417761726465"
                        + "64" + "00"
                        + "000000157b22616d6f756e74223a313230303030302e30307d"
                        + "01" + "000000167b22757365726e616d65223a226d616e61676572227d");
        assertThat(CanonicalEvent.decode(event.leafBytes())).isEqualTo(event);
    }

    @Test
    void everyFieldChangesTheLeafAndFieldBoundariesCannotShift() {
        CanonicalEvent base = new CanonicalEvent(1, new EventContent("ab", "c", 0, null, "t", "p", null,
                new byte[]{1}, null));
        CanonicalEvent shifted = new CanonicalEvent(1, new EventContent("a", "bc", 0, null, "t", "p", null,
                new byte[]{1}, null));
        CanonicalEvent typed = new CanonicalEvent(1, new EventContent("ab", "c", 0, "", "t", "p", null,
                new byte[]{1}, null));
        CanonicalEvent emptyMetadata = new CanonicalEvent(1, new EventContent("ab", "c", 0, null, "t", "p", null,
                new byte[]{1}, new byte[0]));
        CanonicalEvent moved = new CanonicalEvent(2, base.content());
        assertThat(java.util.List.of(shifted, typed, emptyMetadata, moved))
                .allSatisfy(other -> assertThat(other.leafHash()).isNotEqualTo(base.leafHash()));
        assertThat(moved.content().signedBytes()).isEqualTo(base.content().signedBytes());
    }

    @Test
    void malformedLeafBytesDoNotDecode() {
        byte[] leaf = new CanonicalEvent(1, content("{}", null)).leafBytes();
        assertThatThrownBy(() -> CanonicalEvent.decode(java.util.Arrays.copyOf(leaf, leaf.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] longer = java.util.Arrays.copyOf(leaf, leaf.length + 1);
        assertThatThrownBy(() -> CanonicalEvent.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSignatureCoversTheEventButNotItselfNorTheMembersOrder() {
        EventContent unsigned = content("{\"amount\":1200000.00}", "{\"username\":\"manager\",\"correlationId\":\"c-9\"}");
        EventContent signed = EventSignatures.signed(unsigned, EVENT_KEY);
        assertThat(new String(signed.metadata(), StandardCharsets.UTF_8))
                .startsWith("{\"username\":\"manager\",\"correlationId\":\"c-9\",\"signature\":\"");
        assertThat(signed.signedBytes()).isEqualTo(unsigned.signedBytes());
        assertThat(EventSignatures.check(signed, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.VALID);

        // What the command side signs before the row exists is what an auditor recomputes from the row: members in
        // another order, or spaced differently around the values, sign the same.
        String value = signed.signature().orElseThrow();
        EventContent reordered = content("{\"amount\":1200000.00}",
                "{ \"signature\" : \"" + value + "\", \"correlationId\":\"c-9\",\"username\":\"manager\" }");
        assertThat(EventSignatures.check(reordered, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.VALID);

        EventContent otherActor = content("{\"amount\":1200000.00}",
                "{\"username\":\"admin\",\"correlationId\":\"c-9\",\"signature\":\"" + value + "\"}");
        EventContent otherAmount = content("{\"amount\":1200000.01}", new String(signed.metadata(), StandardCharsets.UTF_8));
        assertThat(EventSignatures.check(otherActor, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.INVALID);
        assertThat(EventSignatures.check(otherAmount, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.INVALID);
        assertThat(EventSignatures.check(unsigned, EVENT_KEY.verifier())).isEqualTo(EventSignatures.Status.MISSING);
        assertThat(EventSignatures.check(signed, NoteSigner.generate("other").verifier()))
                .isEqualTo(EventSignatures.Status.INVALID);
    }
}
