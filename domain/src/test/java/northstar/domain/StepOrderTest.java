package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import northstar.domain.analytics.StepOrder;
import org.junit.jupiter.api.Test;

class StepOrderTest {
    @Test
    void numbersInStepIdsSortByValueNotByText() {
        List<String> steps = new ArrayList<>(List.of("step_10", "step_2", "step_1", "step_100", "step_9", "step_02",
                "plan", "step_1b", "step_1a", "act_3"));

        steps.sort(StepOrder.NATURAL);

        assertThat(steps).containsExactly("act_3", "plan", "step_1", "step_1a", "step_1b", "step_2", "step_02", "step_9",
                "step_10", "step_100");
    }

    @Test
    void theSortKeyComparesAsPlainBinaryStrings() {
        assertThat(StepOrder.sortKey("step_2").compareTo(StepOrder.sortKey("step_10"))).isNegative();
        assertThat(StepOrder.sortKey("2.10").compareTo(StepOrder.sortKey("2.9"))).isPositive();
        assertThat(StepOrder.sortKey("0")).isEqualTo("010");
        assertThat(StepOrder.sortKey(null)).isEmpty();
        assertThat(StepOrder.sortKey("9".repeat(99))).startsWith("99");
    }
}
