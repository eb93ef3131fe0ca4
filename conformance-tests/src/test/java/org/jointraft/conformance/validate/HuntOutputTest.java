package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jointraft.conformance.sim.Shrinker;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a hunt puts what it finds, with a stand-in for TLC ({@link EventCountJudge}): nothing is lost or mixed. */
class HuntOutputTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private static final String FOLDER = "hunt-20261202T120000Z-seed1";

    @TempDir
    Path dir;

    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    private final Hunt.Progress progress = new Hunt.Progress() {
        @Override
        public void update(int done, int rejected, int unsafe, int stuck) {
        }

        @Override
        public void note(String line) {
            notes.add(line);
        }
    };

    /** Three short runs from seed 1, every one of them rejected by a judge that rejects from 10 events on. */
    private static Hunt.Options threeFailing(Path out, int steps, boolean shrink) {
        return new Hunt.Options(SimOptions.defaults(1).withSteps(steps), 3, 1, out, shrink, 10);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String optionsOf(Path trace) throws IOException {
        try (TraceCursor cursor = new TraceReader().open(trace)) {
            return cursor.header().options();
        }
    }

    @Test
    void twoHuntsStartedTogetherIntoTheSameOutEachKeepTheirOwnFolder() throws Exception {
        Path out = dir.resolve("out");
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        EventCountJudge.Hook meet = traces -> {
            try {
                bothStarted.await(30, TimeUnit.SECONDS); // both hunts have their folder and are judging
            } catch (Exception e) {
                throw new IOException(e);
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        Future<Hunt.Report> a = two.submit(() -> new Hunt(new EventCountJudge(10, meet), NOON)
                .run(threeFailing(out, 40, false), progress));
        Future<Hunt.Report> b = two.submit(() -> new Hunt(new EventCountJudge(10, meet), NOON)
                .run(threeFailing(out, 50, false), progress));
        List<Hunt.Report> reports = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        two.shutdown();

        assertThat(names(out)).containsExactly(FOLDER, FOLDER + "-2");
        assertThat(reports.get(0).folder()).isNotEqualTo(reports.get(1).folder());
        for (Hunt.Report r : reports) {
            assertThat(names(r.folder())).containsExactly("seed-1", "seed-2", "seed-3");
            assertThat(r.failures()).hasSize(3);
            int steps = r.failures().get(0).options().steps();
            for (Hunt.Failure f : r.failures()) {
                assertThat(f.saved()).isEqualTo(r.folder().resolve("seed-" + f.seed()));
                assertThat(optionsOf(f.trace())).contains("--steps " + steps);
                assertThat(f.verdict().trace()).isEqualTo(f.trace());
            }
        }
        assertThat(reports.stream().map(r -> r.failures().get(0).options().steps())).containsExactly(40, 50);
    }

    @Test
    void aRerunIntoTheSameOutNeverWritesNextToTheEarlierRunsFiles() throws Exception {
        Path out = dir.resolve("out");
        Hunt.Report first = new Hunt(new EventCountJudge(10), NOON).run(threeFailing(out, 40, false), progress);
        Path stale = Files.writeString(first.folder().resolve("seed-1").resolve(HuntFolder.SHRUNK), "stale");
        List<String> firstFiles = names(first.folder().resolve("seed-1"));

        Hunt.Report second = new Hunt(new EventCountJudge(10), NOON).run(threeFailing(out, 40, true), progress);

        assertThat(second.folder()).isEqualTo(out.resolve(FOLDER + "-2"));
        assertThat(names(first.folder().resolve("seed-1"))).isEqualTo(firstFiles);
        assertThat(Files.readString(stale)).isEqualTo("stale");
        Hunt.Failure f = second.failures().get(0);
        assertThat(f.shrunk()).isNotNull();
        assertThat(f.shrunk().trace()).isEqualTo(second.folder().resolve("seed-1").resolve(HuntFolder.SHRUNK));
        assertThat(optionsOf(f.shrunk().trace())).contains("--steps " + f.shrunk().options().steps());
    }

    @Test
    void anOutThatCannotHoldAFolderFailsBeforeAnyRun() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        EventCountJudge judge = new EventCountJudge(10);

        for (Path out : List.of(file, file.resolve("below"))) {
            assertThatThrownBy(() -> new Hunt(judge, NOON).run(threeFailing(out, 40, false), progress))
                    .isInstanceOf(Hunt.OutputException.class).hasMessageContaining("cannot create a hunt folder in " + out);
        }
        assertThat(judge.calls()).isZero();
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void aFailureThatCannotBeSavedIsReportedWithTheCommandThatRegeneratesIt() throws Exception {
        Path out = dir.resolve("out");
        // Under the running hunt, its folder turns into a file: nothing can be saved any more.
        EventCountJudge.Hook breakFolder = traces -> {
            Path folder = out.resolve(FOLDER);
            Files.delete(folder);
            Files.writeString(folder, "not a folder");
        };

        Hunt.Report r = new Hunt(new EventCountJudge(10, breakFolder), NOON).run(threeFailing(out, 40, true), progress);

        assertThat(r.failures()).hasSize(3);
        assertThat(r.unsaved()).isEqualTo(3);
        assertThat(r.folder()).isNull();
        for (Hunt.Failure f : r.failures()) {
            assertThat(f.saved()).isNull();
            assertThat(f.trace()).isNull();
            assertThat(f.saveError()).contains(FOLDER);
            assertThat(f.shrunk()).isNull();
        }
        assertThat(notes).anyMatch(n -> n.contains("REJECTED seed 2") && n.contains("NOT SAVED")
                && n.contains("./jointraft simulate --seed 2 " + SimOptions.defaults(2).withSteps(40).format()));
        assertThat(Files.readString(out.resolve(FOLDER))).isEqualTo("not a folder");
    }

    @Test
    void aHuntWithoutFailuresLeavesNoFolderBehind() throws Exception {
        Path out = dir.resolve("new");
        Path existing = Files.createDirectory(dir.resolve("existing"));

        Hunt.Report created = new Hunt(new EventCountJudge(1_000_000), NOON).run(threeFailing(out, 40, true), progress);
        Hunt.Report kept = new Hunt(new EventCountJudge(1_000_000), NOON).run(threeFailing(existing, 40, true), progress);

        assertThat(created.failures()).isEmpty();
        assertThat(created.folder()).isNull();
        assertThat(out).doesNotExist();
        assertThat(kept.folder()).isNull();
        assertThat(names(existing)).isEmpty();
    }

    @Test
    void theFailureLimitStartsNoNewBatch() throws Exception {
        // 40 runs in one job are two batches of 20; all fail, so the limit of 1 is reached in the first.
        Hunt.Options o = new Hunt.Options(SimOptions.defaults(1).withSteps(40), 40, 1, dir.resolve("out"), false, 1,
                Hunt.DEFAULT_SHRINK_TIME, 1);

        Hunt.Report r = new Hunt(new EventCountJudge(10), NOON).run(o, progress);

        assertThat(r.requested()).isEqualTo(40);
        assertThat(r.runs()).isEqualTo(20);
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.failures()).hasSize(20).allMatch(f -> Files.isRegularFile(f.trace()));
        assertThat(notes).anyMatch(n -> n.startsWith("stopping: 20 failure(s) reached the limit of 1"));
    }

    @Test
    void shrinkingEndsWhenItsTimeIsUpAndTheRestIsSavedUnshrunk() throws Exception {
        // Every judgement takes 200 ms; the one second of shrinking ends the first shrink and leaves none for the rest.
        EventCountJudge slow = new EventCountJudge(10, traces -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        });
        Hunt.Options o = new Hunt.Options(SimOptions.defaults(1).withSteps(300), 4, 1, dir.resolve("out"), true, 40,
                Duration.ofSeconds(1), Hunt.NO_LIMIT);

        long started = System.nanoTime();
        Hunt.Report r = new Hunt(slow, NOON).run(o, progress);
        double seconds = (System.nanoTime() - started) / 1e9;

        Hunt.Failure first = r.failures().get(0);
        assertThat(first.shrunk().end()).isEqualTo(Shrinker.End.TIME_UP);
        assertThat(first.shrunk().options().steps()).isLessThan(300);
        assertThat(first.shrunk().verdict().accepted()).isFalse();
        assertThat(first.shrunk().verdict().trace()).isEqualTo(first.shrunk().trace());
        assertThat(Files.readString(first.saved().resolve(HuntFolder.REPRODUCE))).contains("The shrunk run");
        assertThat(r.failures().subList(1, 4)).allSatisfy(f -> {
            assertThat(f.shrunk()).isNull();
            assertThat(f.notShrunk()).contains("shrink time was spent");
            assertThat(f.saved().resolve(HuntFolder.SHRUNK)).doesNotExist();
        });
        assertThat(seconds).as("one batch, one second of shrinking, one candidate over").isLessThan(4);
        assertThat(notes).anyMatch(n -> n.startsWith("shrinking 4 failure(s)"))
                .anyMatch(n -> n.startsWith("shrunk 1/4: seed 1 from 300 steps") && n.endsWith("stopped by the shrink time)"))
                .anyMatch(n -> n.startsWith("3 failure(s) saved unshrunk"));
    }
}
