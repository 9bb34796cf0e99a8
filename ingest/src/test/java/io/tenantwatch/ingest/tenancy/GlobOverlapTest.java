package io.tenantwatch.ingest.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.schemas.Glob;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobOverlapTest {

    @ParameterizedTest
    @CsvSource({
        "alpha-*, *-prod, true",
        "alpha-*, beta-*, false",
        "alpha, alpha, true",
        "alpha, alpha-*, false",
        "alpha-x, alpha-*, true",
        "team-??, team-a*, true",
        "team-?, team-ab, false",
        "*, anything, true",
        "*, *, true",
        "a*b*c, *x*, true",
        "a*b, *c, false",
        "kube-*, kube-system, true",
    })
    void findsACommonName(String a, String b, boolean overlap) {
        String example = GlobOverlap.example(a, b);
        String reversed = GlobOverlap.example(b, a);
        if (overlap) {
            assertThat(example).isNotEmpty();
            assertThat(Glob.compile(a).matches(example)).as(example).isTrue();
            assertThat(Glob.compile(b).matches(example)).as(example).isTrue();
            assertThat(reversed).isNotNull();
        } else {
            assertThat(example).isNull();
            assertThat(reversed).isNull();
        }
    }
}
