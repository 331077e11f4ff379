package io.trawl.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadsTest {

    @Test
    void aNullThreadHasNothingToWaitFor() {
        assertThat(Threads.join(null, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void waitsForAThreadThatEnds() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        release.countDown();

        assertThat(Threads.join(thread, Duration.ofSeconds(30))).isTrue();
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void givesUpOnAThreadThatRunsOnAfterTheTimeout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(Threads.join(thread, Duration.ofMillis(50))).isFalse();
            assertThat(thread.isAlive()).isTrue();
        } finally {
            release.countDown();
            thread.join();
        }
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Thread.currentThread().interrupt();
            assertThat(Threads.join(thread, Duration.ofSeconds(30))).isFalse();
            assertThat(Thread.interrupted()).isTrue(); // clears it again for the other tests
        } finally {
            release.countDown();
            thread.join();
        }
    }
}
