package cn.tj.specialfund.coreapi;

/**
 * A historical import (the sample call, §10) replays a call on its own calendar: each command names, in this
 * metadata key, the instant (ISO-8601) its event took place, and the command side stamps the event with it.
 * Only an importer running inside the process sets it: the REST layer builds a command's metadata itself and
 * carries nothing over from a client. The key is copied onto the event, so the log shows which events were imported.
 */
public final class HistoricalImport {

    public static final String OCCURRED_AT = "occurredAt";

    private HistoricalImport() {
    }
}
