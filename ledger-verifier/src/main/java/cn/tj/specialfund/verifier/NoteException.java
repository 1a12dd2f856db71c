package cn.tj.specialfund.verifier;

/** A signed note, key or checkpoint that is malformed or whose signature does not verify. */
public final class NoteException extends Exception {

    public enum Reason { MALFORMED, INVALID_SIGNATURE, NO_KNOWN_SIGNATURE }

    private final Reason reason;

    public NoteException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
