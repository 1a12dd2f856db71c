package cn.tj.specialfund.verifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A generated, signed event log shaped like the ledger's (applications of several events each, JSON payloads and
 * metadata), for the benchmark and the tests.
 */
public final class SampleLog {

    private static final String[] EVENT_TYPES = {"ApplicationSubmitted", "DistrictApproved", "ApplicationScored",
            "ApplicationAwarded", "DisbursementRecorded"};
    private static final Instant START = Instant.parse("2020-09-01T01:00:00Z");

    private final List<CanonicalEvent> events;

    private SampleLog(List<CanonicalEvent> events) {
        this.events = events;
    }

    /** {@code count} events at positions 1…count, five per application, each signed by {@code eventKey}. */
    public static SampleLog generate(int count, NoteSigner eventKey) {
        // Signing is most of the work: one event per index, spread over the cores, in index order.
        return new SampleLog(java.util.stream.IntStream.range(0, count).parallel()
                .mapToObj(i -> event(i, eventKey)).toList());
    }

    private static CanonicalEvent event(int i, NoteSigner eventKey) {
        java.util.Random random = new java.util.Random(i);
        {
            int application = i / EVENT_TYPES.length;
            int sequence = i % EVENT_TYPES.length;
            String aggregateId = new UUID(0x5346L, application).toString();
            String payload = "{\"applicationId\":\"" + aggregateId + "\",\"projectName\":\"工业互联网平台示范项目 "
                    + application + "\",\"direction\":\"2." + (1 + application % 5) + "\",\"amount\":"
                    + (100000 + random.nextInt(2900000)) + ".00,\"comment\":\"第" + sequence + "步\"}";
            String metadata = "{\"correlationId\":\"" + new UUID(random.nextLong(), i) + "\",\"username\":\"district-xiqing\"}";
            EventContent content = new EventContent(new UUID(0x4556L, i).toString(), aggregateId, sequence,
                    "Application", START.plusSeconds(60L * i).toString(),
                    "cn.tj.specialfund.coreapi.events." + EVENT_TYPES[sequence], null,
                    payload.getBytes(StandardCharsets.UTF_8), metadata.getBytes(StandardCharsets.UTF_8));
            return new CanonicalEvent(i + 1, EventSignatures.signed(content, eventKey));
        }
    }

    public List<CanonicalEvent> events() {
        return events;
    }

    public List<byte[]> leafHashes() {
        List<byte[]> hashes = new ArrayList<>(events.size());
        events.forEach(e -> hashes.add(e.leafHash()));
        return hashes;
    }

    /** The export lines of the log as the tree holds it. */
    public List<String> exportLines() {
        List<String> lines = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            lines.add(ExportLine.write((long) i, events.get(i).leafHash(), events.get(i)));
        }
        return lines;
    }

    /** The signed checkpoint of the first {@code size} leaves. */
    public String checkpoint(long size, NoteSigner checkpointKey) {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < size; i++) {
            range.append(events.get(i).leafHash());
        }
        return new Checkpoint(size, range.root()).sign(checkpointKey);
    }
}
