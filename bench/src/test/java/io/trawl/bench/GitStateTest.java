package io.trawl.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GitStateTest {

    @Test
    void namesTheCommitAndWhetherTheTreeDiffersOutsideBench() {
        // The tests run in a checkout (a commit) or in an unpacked source tree (not a work tree).
        assertThat(GitState.describe("Trawl commit")).matches("Trawl commit [0-9a-f]{7,}, (no changes outside bench/"
                + "|\\d+ changed files outside bench/ \\(measured as built\\))|not a git work tree");
    }
}
