package cn.tj.specialfund.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's command line: {@code keygen}, {@code verify} and {@code bench} (see docs/tamper-evidence.md).
 * Exit codes: 0 verified (or done), 1 a problem found, 2 a usage or input error.
 */
public final class Main {

    static final int OK = 0;
    static final int PROBLEM = 1;
    static final int USAGE = 2;
    private static final int MORE_PROBLEMS_SHOWN = 9;

    private static final String USAGE_TEXT = """
            usage:
              java -jar ledger-verifier.jar keygen --name <key name>
              java -jar ledger-verifier.jar verify --export <export.jsonl> --checkpoint <checkpoint.txt>
                  --checkpoint-key <verifier key> --event-key <verifier key> [--event-key <older event key> ...]
                  [--older-checkpoint <checkpoint.txt>] [--origin <origin>]
              java -jar ledger-verifier.jar bundle --bundle <bundle.json>
                  --checkpoint-key <verifier key> --event-key <verifier key> [--event-key <older event key> ...]
                  [--older-checkpoint <checkpoint.txt> [--consistency-proof <proof.json>]] [--origin <origin>]
              java -jar ledger-verifier.jar bench [--events <count>]
            """;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            Map<String, List<String>> options = options(args);
            return switch (args[0]) {
                case "keygen" -> keygen(options);
                case "verify" -> verify(options);
                case "bundle" -> bundle(options);
                case "bench" -> bench(options);
                default -> throw new UsageException("unknown command " + args[0]);
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
    }

    private int keygen(Map<String, List<String>> options) {
        String name = single(options, "name", Checkpoint.ORIGIN);
        if (!NoteVerifier.isValidName(name)) {
            throw new UsageException("a key name has no spaces and no '+': " + name);
        }
        NoteSigner key = NoteSigner.generate(name);
        out.println("# private key: for the service's configuration only (never the database, never a log)");
        out.println(key.signerKey());
        out.println("# verifier key: publish it; GET /api/audit/key serves it; auditors pass it to verify");
        out.println(key.verifier().verifierKey());
        return OK;
    }

    /** An export line that is not one; the audit stops at it. */
    private static final class MalformedExport extends RuntimeException {
        final Problem problem;

        MalformedExport(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }
    }

    /**
     * The export, read from the file each time the audit walks it: an export of millions of events is checked
     * without holding it.
     */
    private static LogAudit.Source exportLines(Path exportFile) {
        return entries -> {
            try (BufferedReader reader = Files.newBufferedReader(exportFile, StandardCharsets.UTF_8)) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isEmpty()) {
                        continue;
                    }
                    AuditEntry entry;
                    try {
                        entry = AuditEntry.of(ExportLine.parse(line));
                    } catch (IllegalArgumentException | Json.JsonException e) {
                        throw new MalformedExport(Problem.general(Problem.Kind.MALFORMED_EXPORT,
                                "line " + number + ": " + e.getMessage()));
                    }
                    entries.accept(entry);
                }
            } catch (CharacterCodingException e) {
                throw new MalformedExport(Problem.general(Problem.Kind.MALFORMED_EXPORT,
                        "the export is not well-formed UTF-8"));
            } catch (IOException e) {
                throw new UsageException("cannot read " + exportFile + ": " + e.getMessage());
            }
        };
    }

    private int verify(Map<String, List<String>> options) {
        Path exportFile = Path.of(required(options, "export"));
        NoteVerifier checkpointKey = verifierKey(required(options, "checkpoint-key"), "--checkpoint-key");
        List<NoteVerifier> eventKeys = eventKeys(options);
        String origin = single(options, "origin", Checkpoint.ORIGIN);

        Checkpoint checkpoint;
        Checkpoint older = null;
        try {
            checkpoint = openCheckpoint(Path.of(required(options, "checkpoint")), checkpointKey, origin);
            String olderFile = single(options, "older-checkpoint", null);
            if (olderFile != null) {
                older = openCheckpoint(Path.of(olderFile), checkpointKey, origin);
            }
        } catch (CheckpointException e) {
            return fail(e.problem, 1);
        }

        LogAudit.Result result;
        try {
            result = LogAudit.audit(exportLines(exportFile), checkpoint, eventKeys, older);
        } catch (MalformedExport e) {
            return fail(e.problem, 1);
        }
        if (!result.verified()) {
            int code = fail(result.firstProblem(), result.problems().size());
            // The first problem decides; the next few help to see what happened (a deleted event's aggregate shows
            // up as a hole in its sequence, for instance).
            result.problems().stream().skip(1).limit(MORE_PROBLEMS_SHOWN)
                    .forEach(problem -> out.println("  then " + problem.describe()));
            return code;
        }
        out.println("OK " + result.eventsChecked() + " events verified against the checkpoint " + checkpoint
                + (result.beyondCheckpoint() > 0 ? " (" + result.beyondCheckpoint()
                + " after it checked by signature only)" : ""));
        if (older != null) {
            out.println("the older checkpoint (" + older + ") is a prefix of it");
        }
        return OK;
    }

    private int bundle(Map<String, List<String>> options) {
        Path bundleFile = Path.of(required(options, "bundle"));
        NoteVerifier checkpointKey = verifierKey(required(options, "checkpoint-key"), "--checkpoint-key");
        List<NoteVerifier> eventKeys = eventKeys(options);
        String origin = single(options, "origin", Checkpoint.ORIGIN);
        String olderFile = single(options, "older-checkpoint", null);
        String proofFile = single(options, "consistency-proof", null);
        if (proofFile != null && olderFile == null) {
            throw new UsageException("--consistency-proof goes with --older-checkpoint");
        }

        ProofBundle bundle;
        try {
            bundle = ProofBundle.parse(Files.readString(bundleFile, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | Json.JsonException e) {
            return fail(Problem.general(Problem.Kind.MALFORMED_BUNDLE, bundleFile + ": " + e.getMessage()), 1);
        } catch (CharacterCodingException e) {
            return fail(Problem.general(Problem.Kind.MALFORMED_BUNDLE, "the bundle is not well-formed UTF-8"), 1);
        } catch (IOException e) {
            throw new UsageException("cannot read " + bundleFile + ": " + e.getMessage());
        }

        BundleCheck.Older older = null;
        if (olderFile != null) {
            Checkpoint kept;
            try {
                kept = openCheckpoint(Path.of(olderFile), checkpointKey, origin);
            } catch (CheckpointException e) {
                return fail(e.problem, 1);
            }
            if (proofFile == null) {
                if (kept.size() != bundle.treeSize()) {
                    throw new UsageException("the kept checkpoint has " + kept.size() + " leaves, the bundle's "
                            + bundle.treeSize() + ": give --consistency-proof (GET /api/audit/proof/consistency?from="
                            + Math.min(kept.size(), bundle.treeSize()) + "&to=" + Math.max(kept.size(), bundle.treeSize())
                            + ")");
                }
                older = new BundleCheck.Older(kept, kept.size(), kept.size(), List.of());
            } else {
                try {
                    older = consistencyProof(kept, Files.readString(Path.of(proofFile), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException | Json.JsonException e) {
                    return fail(Problem.general(Problem.Kind.MALFORMED_BUNDLE, proofFile + ": " + e.getMessage()), 1);
                } catch (IOException e) {
                    throw new UsageException("cannot read " + proofFile + ": " + e.getMessage());
                }
            }
        }

        BundleCheck.Result result = BundleCheck.check(bundle, checkpointKey, eventKeys, origin, older);
        if (!result.verified()) {
            int code = fail(result.firstProblem(), result.problems().size());
            result.problems().stream().skip(1).limit(MORE_PROBLEMS_SHOWN)
                    .forEach(problem -> out.println("  then " + problem.describe()));
            return code;
        }
        out.println("OK " + result.proved() + " events of application " + bundle.applicationId()
                + " proved against the checkpoint " + result.checkpoint()
                + (result.beyondCheckpoint() > 0 ? " (" + result.beyondCheckpoint()
                + " after it checked by signature only)" : ""));
        if (older != null) {
            out.println("the kept checkpoint (" + older.checkpoint() + ") is consistent with it");
        }
        return OK;
    }

    /** {@code {"from","to","path":[…]}} as {@code GET /api/audit/proof/consistency} serves it. */
    private static BundleCheck.Older consistencyProof(Checkpoint kept, String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> proof)) {
            throw new IllegalArgumentException("a consistency proof is a JSON object");
        }
        return new BundleCheck.Older(kept, ProofBundle.wholeNumber(proof.get("from"), "from"),
                ProofBundle.wholeNumber(proof.get("to"), "to"), ProofBundle.hashes(proof.get("path")));
    }

    private List<NoteVerifier> eventKeys(Map<String, List<String>> options) {
        List<String> eventKeyTexts = options.get("event-key");
        if (eventKeyTexts == null) {
            throw new UsageException("missing --event-key");
        }
        List<NoteVerifier> eventKeys = new ArrayList<>();
        eventKeyTexts.forEach(k -> eventKeys.add(verifierKey(k, "--event-key")));
        return eventKeys;
    }

    private int fail(Problem problem, int count) {
        out.println("FAILED " + problem.describe());
        if (count > 1) {
            out.println("(" + count + " problems in all)");
        }
        return PROBLEM;
    }

    private int bench(Map<String, List<String>> options) {
        int count;
        try {
            count = Integer.parseInt(single(options, "events", "100000"));
        } catch (NumberFormatException e) {
            throw new UsageException("--events is a whole number");
        }
        NoteSigner eventKey = NoteSigner.generate("bench-events");
        NoteSigner checkpointKey = NoteSigner.generate(Checkpoint.ORIGIN);
        long started = System.nanoTime();
        SampleLog log = SampleLog.generate(count, eventKey);
        try {
            Path dir = Files.createTempDirectory("ledger-verifier-bench");
            Path export = Files.write(dir.resolve("export.jsonl"), log.exportLines(), StandardCharsets.UTF_8);
            Path checkpoint = Files.writeString(dir.resolve("checkpoint.txt"), log.checkpoint(count, checkpointKey));
            double generated = seconds(started);
            out.printf("generated and exported %d signed events in %.2f s (%.1f MB)%n", count, generated,
                    Files.size(export) / 1e6);
            long verifyStarted = System.nanoTime();
            int code = run(new String[]{"verify", "--export", export.toString(), "--checkpoint", checkpoint.toString(),
                    "--checkpoint-key", checkpointKey.verifier().verifierKey(),
                    "--event-key", eventKey.verifier().verifierKey()});
            double verified = seconds(verifyStarted);
            out.printf("verify: %d events in %.2f s, %.0f events/s (exit %d)%n", count, verified, count / verified, code);
            Files.delete(export);
            Files.delete(checkpoint);
            Files.delete(dir);
            return code;
        } catch (IOException e) {
            throw new UsageException("cannot write the benchmark's export: " + e.getMessage());
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static Checkpoint openCheckpoint(Path file, NoteVerifier key, String origin) throws CheckpointException {
        byte[] note;
        try {
            note = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Checkpoint.open(note, key, origin);
        } catch (NoteException e) {
            throw new CheckpointException(Problem.general(Problem.Kind.BAD_CHECKPOINT, file + ": " + e.getMessage()));
        }
    }

    private static NoteVerifier verifierKey(String text, String option) {
        try {
            return NoteVerifier.parse(text.strip());
        } catch (NoteException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value, found " + args[i]);
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, List<String>> options, String name) {
        String value = single(options, name, null);
        if (value == null) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    private static String single(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        if (values == null) {
            return fallback;
        }
        if (values.size() > 1) {
            throw new UsageException("--" + name + " is given once");
        }
        return values.get(0);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final class CheckpointException extends Exception {
        final Problem problem;

        CheckpointException(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }
    }
}
