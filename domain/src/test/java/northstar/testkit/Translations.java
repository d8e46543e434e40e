package northstar.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** What every adapter's error translator must give for one SDK failure: its label, and the failure kept. */
public final class Translations {
    private Translations() {
    }

    public static void assertLabelled(StoreException translated, Throwable sdkFailure, String backend, ErrorCode code,
                                      boolean retryable) {
        assertThat(translated.code()).as("code of " + sdkFailure).isEqualTo(code);
        assertThat(translated.retryable()).as("retryable " + sdkFailure).isEqualTo(retryable);
        assertThat(translated.backend()).isEqualTo(backend);
        assertThat(translated.getCause()).isSameAs(sdkFailure);
    }
}
