package io.trawl.script.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptOutput.Level;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);

    @Test
    void keepsTheMostRecentLinesPerScriptInOrder() {
        var log = new ConsoleLog(3, 200, CLOCK);
        for (int i = 1; i <= 5; i++) {
            log.line("a", Level.LOG, "a" + i);
        }
        log.line("b", Level.ERROR, "b1");

        assertThat(log.recent("a", 10)).extracting(ConsoleEntry::text).containsExactly("a3", "a4", "a5");
        assertThat(log.recent("a", 10)).extracting(ConsoleEntry::sequence).containsExactly(3L, 4L, 5L);
        assertThat(log.recent("a", 2)).extracting(ConsoleEntry::text).containsExactly("a4", "a5");
        assertThat(log.recent("b", 10)).singleElement()
                .isEqualTo(new ConsoleEntry(1, CLOCK.instant(), Level.ERROR, "b1"));
        assertThat(log.recent("unknown", 10)).isEmpty();
    }

    @Test
    void errorsAreCountedByKindAndLoggedAsErrorLines() {
        var log = new ConsoleLog();
        var thrown = new ScriptError("s", ScriptError.Kind.THROWN, "onItemCaptured", "TypeError: boom", 3, 7);
        var timeout = new ScriptError("s", ScriptError.Kind.TIMEOUT, "onItemCaptured", "ran longer than 200 ms", 0, 0);

        log.error(thrown);
        log.error(thrown);
        log.error(timeout);

        ErrorStats stats = log.errors("s");
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.byKind()).containsEntry(ScriptError.Kind.THROWN, 2L)
                .containsEntry(ScriptError.Kind.TIMEOUT, 1L).containsEntry(ScriptError.Kind.SYNTAX, 0L);
        assertThat(stats.last()).isEqualTo(timeout);
        assertThat(stats.lastTime()).isNotNull();
        assertThat(log.recent("s", 1).getFirst().level()).isEqualTo(Level.ERROR);
        assertThat(log.recent("s", 3).getFirst().text())
                .isEqualTo("s:3:7 in onItemCaptured: THROWN: TypeError: boom");
        assertThat(log.errors("other").total()).isZero();
    }

    @Test
    void hugeLinesAreCut() {
        var log = new ConsoleLog(10, 100, CLOCK);
        log.line("s", Level.LOG, "x".repeat(1_000));
        assertThat(log.recent("s", 1).getFirst().text()).startsWith("x".repeat(100))
                .endsWith("[900 more characters cut]");
    }

    @Test
    void aSlowSubscriberLosesLinesAndIsToldHowManyWhileTheWriterGoesOn() throws Exception {
        var log = new ConsoleLog();
        try (ConsoleSubscription slow = log.subscribe("s", 2)) {
            for (int i = 1; i <= 5; i++) {
                log.line("s", Level.LOG, "line " + i);
            }
            assertThat(slow.next(Duration.ZERO).text()).isEqualTo("line 1");
            assertThat(slow.next(Duration.ZERO).text()).isEqualTo("line 2");
            assertThat(slow.next(Duration.ofMillis(10))).isNull();
            assertThat(slow.takeDropped()).isEqualTo(3);
            assertThat(slow.takeDropped()).isZero();
            log.line("s", Level.LOG, "line 6");
            assertThat(slow.next(Duration.ZERO).text()).isEqualTo("line 6");
        }
        assertThat(log.recent("s", 10)).hasSize(6);
    }

    @Test
    void forgetDropsEverythingAndEndsLiveFeeds() {
        var log = new ConsoleLog();
        ConsoleSubscription live = log.subscribe("s", 10);
        log.line("s", Level.LOG, "x");
        log.error(new ScriptError("s", ScriptError.Kind.THROWN, null, "boom", 1, 1));

        log.forget("s");

        assertThat(live.closed()).isTrue();
        assertThat(log.recent("s", 10)).isEmpty();
        assertThat(log.errors("s").total()).isZero();
        assertThat(log.scripts()).doesNotContain("s");
    }

    @Test
    void manyWritersKeepEverySequenceNumberOnceAndInOrder() throws Exception {
        var log = new ConsoleLog(100_000, 200, Clock.systemUTC());
        ConsoleSubscription live = log.subscribe("s", 100_000);
        var start = new CountDownLatch(1);
        var failed = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        log.line("s", Level.LOG, "x");
                    }
                } catch (InterruptedException e) {
                    failed.set(true);
                }
            }));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(failed).isFalse();
        assertThat(log.recent("s", 100_000)).extracting(ConsoleEntry::sequence)
                .isSorted().doesNotHaveDuplicates().hasSize(16_000);
        long previous = 0;
        for (int i = 0; i < 16_000; i++) {
            long sequence = live.next(Duration.ZERO).sequence();
            assertThat(sequence).isEqualTo(previous + 1);
            previous = sequence;
        }
        assertThat(live.takeDropped()).isZero();
    }
}
