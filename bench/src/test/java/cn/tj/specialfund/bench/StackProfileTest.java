package cn.tj.specialfund.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackProfileTest {

    private static final List<String> STACKS = List.of(
            "[WorkPackage[applications-view]-0 tid=101];java/lang/Thread.run;org/axonframework/eventhandling/"
                    + "pooled/WorkPackage.processEvents;cn/tj/specialfund/query/projection/ProjectionBatches.apply;"
                    + "org/postgresql/jdbc/PgStatement.execute;java/net/Socket.read 30",
            "[WorkPackage[applications-view]-1 tid=102];java/lang/Thread.run;org/axonframework/eventhandling/"
                    + "pooled/WorkPackage.processEvents;cn/tj/specialfund/query/projection/ProjectionBatches.apply;"
                    + "java/util/HashMap.get 10",
            "[http-nio-8082-exec-7 tid=200];org/apache/catalina/core/StandardWrapperValve.invoke;"
                    + "com/fasterxml/jackson/databind/ObjectMapper.writeValue;__write_[k] 20",
            "[C2 CompilerThre tid=7];Compile::Compile 35");

    @Test
    void samplesAreSummedPerKindOfThreadWithoutItsNumber() {
        Map<String, Object> r = StackProfile.reduce(2, STACKS, 50);

        assertThat(r).containsEntry("samples", 95L).containsEntry("msPerOperation", 3.8);
        Map<String, Object> threads = Report.map(r.get("threads"));
        assertThat(threads.keySet()).containsExactly("WorkPackage[applications-view]", "C2 CompilerThre",
                "http-nio-8082-exec");
        assertThat(Report.map(threads.get("WorkPackage[applications-view]")))
                .containsEntry("share", 0.42).containsEntry("msPerOperation", 1.6);
    }

    @Test
    void aSampleBelongsToTheLibraryNearestItsRunningFrameOrToTheKernel() {
        Map<String, Object> libraries = Report.map(StackProfile.reduce(1, STACKS, 100).get("libraries"));

        assertThat(libraries.keySet()).containsExactly("JVM and JDK (compiler, GC, interpreter)", "PostgreSQL driver",
                "kernel", "the system's own code");
        assertThat(Report.map(libraries.get("PostgreSQL driver"))).containsEntry("msPerOperation", 0.3);
        assertThat(Report.map(libraries.get("the system's own code"))).containsEntry("msPerOperation", 0.1);
    }

    @Test
    void theSystemsOwnFrameNearestTheRunningOneIsNamed() {
        Map<String, Object> own = Report.map(StackProfile.reduce(1, STACKS, 100).get("ownFrames"));

        assertThat(own.keySet()).containsExactly("cn.tj.specialfund.query.projection.ProjectionBatches.apply");
        assertThat(Report.map(own.get("cn.tj.specialfund.query.projection.ProjectionBatches.apply")))
                .containsEntry("share", 0.42);
    }
}
