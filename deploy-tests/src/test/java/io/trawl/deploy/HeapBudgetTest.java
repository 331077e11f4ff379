package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeapBudgetTest {

    @Test
    void percentageIsTheShareOfTheLimit() {
        assertThat(HeapBudget.fractionOf("-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError", new Quantity("1Gi")))
                .isEqualTo(0.75);
    }

    @Test
    void xmxIsMeasuredAgainstTheLimit() {
        assertThat(HeapBudget.fractionOf("-Xms1g -Xmx1g", new Quantity("2Gi"))).isEqualTo(0.5);
        assertThat(HeapBudget.fractionOf("-Xmx768m", new Quantity("1Gi"))).isEqualTo(0.75);
    }

    @Test
    void unboundedHeapIsRefused() {
        assertThatThrownBy(() -> HeapBudget.fractionOf("-XX:+ExitOnOutOfMemoryError", new Quantity("1Gi")))
                .hasMessageContaining("must bound the heap exactly once");
    }

    @Test
    void twoBoundsAreRefused() {
        assertThatThrownBy(() -> HeapBudget.fractionOf("-XX:MaxRAMPercentage=75 -Xmx2g", new Quantity("1Gi")))
                .hasMessageContaining("must bound the heap exactly once");
    }
}
