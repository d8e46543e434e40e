package northstar.adapters.persistence.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRangesTest {
    @Test
    void theEndOfAPrefixIsItsLastCodePointPlusOne() {
        assertThat(KeyRanges.prefixEnd("usage:p:openai:")).contains("usage:p:openai;");
        assertThat(KeyRanges.prefixEnd("a\uD7FF")).contains("a\uE000");
        assertThat(KeyRanges.prefixEnd("a" + new String(Character.toChars(Character.MAX_CODE_POINT)))).contains("b");
        assertThat(KeyRanges.prefixEnd("")).isEmpty();
    }
}
