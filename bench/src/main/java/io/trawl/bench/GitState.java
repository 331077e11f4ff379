package io.trawl.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Trawl code a report measured: the commit, and whether the work tree differed from it outside bench/ (where
 * a harness's own changes do not change what it measures). Read-only git commands only.
 */
public final class GitState {

    private GitState() {
    }

    /**
     * {@code commit abc1234, no changes outside bench/}, with {@code commitLabel} in place of {@code commit}; or
     * {@code not a git work tree}.
     */
    public static String describe(String commitLabel) {
        String head = Machine.firstLine(List.of("git", "rev-parse", "--short", "HEAD"));
        if (head.isEmpty() || head.startsWith("not found") || head.startsWith("fatal")) {
            return "not a git work tree";
        }
        try {
            Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                    ":(exclude)bench").redirectErrorStream(true).start();
            long changed = new String(p.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).count();
            p.waitFor(10, TimeUnit.SECONDS);
            return commitLabel + " " + head + (changed == 0 ? ", no changes outside bench/"
                    : ", " + changed + " changed files outside bench/ (measured as built)");
        } catch (IOException e) {
            return commitLabel + " " + head;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return commitLabel + " " + head;
        }
    }
}
