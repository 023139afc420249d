package dev.wasmperf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of outcome the Overview must show lands in its own category (Allure takes the first that matches). */
class AllureCategoriesTest {

    private static Optional<String> categoryOf(String status, String message) throws IOException {
        try (InputStream in = AllureCategoriesTest.class.getResourceAsStream("/allure/categories.json")) {
            for (JsonNode category : new ObjectMapper().readTree(in)) {
                boolean statusMatches = false;
                for (JsonNode s : category.path("matchedStatuses")) {
                    statusMatches |= s.asText().equals(status);
                }
                if (statusMatches && Pattern.compile(category.path("messageRegex").asText()).matcher(message).matches()) {
                    return Optional.of(category.path("name").asText());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void anUndecidedRegressionIsItsOwnCategoryNotMachineDrift() throws IOException {
        String possible = "POSSIBLE REGRESSION, undecided at this sample size: wasmer-singlepass-aot: AOT compile time +10.5% (95% CI "
                + "-10.1%..+38.8%, p=0.4375) against the reference, tolerance 10.0%: UNCHANGED (possible regression: the estimate exceeds "
                + "the tolerance but the interval does not clear it)\nMore rounds decide it: -Dperf.rounds=<n>.";
        assertThat(categoryOf("skipped", possible)).contains("Possible regression (undecided)");
        assertThat(categoryOf("skipped", "Not judged: native: cold start against the stored values ... INCONCLUSIVE"))
                .contains("Machine drift (stored values not judged)");
        assertThat(categoryOf("failed", "REGRESSED native: cold start +9.0% ...")).contains("Performance regression");
        // A plain pass is in no category: the Overview stays green only when nothing above happened.
        assertThat(categoryOf("passed", "")).isEmpty();
    }
}
