package cn.tj.specialfund.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run as an auditor runs it: {@code java -jar ledger-verifier.jar …} with nothing else on its path. */
class VerifierJarIT {

    @TempDir
    Path dir;

    @Test
    void theJarMakesKeysAndVerifiesAnExport() throws Exception {
        Run keygen = java("keygen", "--name", "tianjin-special-fund-2020");
        assertThat(keygen.code).isZero();
        List<String> keys = keygen.output.lines().filter(l -> !l.startsWith("#")).toList();
        NoteSigner checkpointKey = NoteSigner.parse(keys.get(0));
        NoteSigner eventKey = NoteSigner.generate("tianjin-special-fund-2020-events");

        SampleLog log = SampleLog.generate(12, eventKey);
        Path export = Files.write(dir.resolve("export.jsonl"), log.exportLines(), StandardCharsets.UTF_8);
        Path checkpoint = Files.writeString(dir.resolve("checkpoint.txt"), log.checkpoint(12, checkpointKey));
        Run verify = java("verify", "--export", export.toString(), "--checkpoint", checkpoint.toString(),
                "--checkpoint-key", keys.get(1), "--event-key", eventKey.verifier().verifierKey());
        assertThat(verify.code).as(verify.output).isZero();
        assertThat(verify.output).startsWith("OK 12 events verified");

        List<String> lines = new ArrayList<>(log.exportLines());
        lines.remove(2);
        Files.write(export, lines, StandardCharsets.UTF_8);
        Run tampered = java("verify", "--export", export.toString(), "--checkpoint", checkpoint.toString(),
                "--checkpoint-key", keys.get(1), "--event-key", eventKey.verifier().verifierKey());
        assertThat(tampered.code).isEqualTo(1);
        assertThat(tampered.output).startsWith("FAILED MISSING leafIndex=2: leaf 2 is not in the export")
                .contains("then MISSING leafIndex=3 aggregateId=" + log.events().get(2).aggregateId() + " sequence=2");
    }

    private record Run(int code, String output) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("verifier.jar");
        assertThat(jar).as("the verifier.jar system property (set by the build)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
