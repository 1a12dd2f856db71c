package cn.tj.specialfund.query.projection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowTableSwapTest {

    @Test
    void theShadowGetsEachQueryIndexOfTheLiveTableUnderItsNextName() {
        assertThat(ShadowTableSwap.nextIndexDefinition(
                "CREATE INDEX ix_application_view_order ON public.application_view USING btree (submitted_at, submission_position)",
                "ix_application_view_order", "application_view_shadow"))
                .isEqualTo("CREATE INDEX ix_application_view_order_next ON public.application_view_shadow "
                        + "USING btree (submitted_at, submission_position)");
        assertThat(ShadowTableSwap.nextIndexDefinition(
                "CREATE INDEX ix_dashboard_application_cap_order ON it_4f2a.dashboard_application USING btree "
                        + "(direction, status, score DESC, submitted_at, submission_position)",
                "ix_dashboard_application_cap_order", "dashboard_application_shadow"))
                .isEqualTo("CREATE INDEX ix_dashboard_application_cap_order_next ON it_4f2a.dashboard_application_shadow "
                        + "USING btree (direction, status, score DESC, submitted_at, submission_position)");
    }

    @Test
    void aDefinitionItCannotReadStopsTheRebuildInsteadOfSwappingInATableWithoutIt() {
        assertThatThrownBy(() -> ShadowTableSwap.nextIndexDefinition("CREATE INDEX other ON public.t USING btree (a)",
                "ix_application_view_order", "application_view_shadow"))
                .isInstanceOf(IllegalStateException.class);
    }
}
