package io.tenantwatch.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private final TopicPartition p0 = new TopicPartition("tw.alerts", 0);
    private final TopicPartition p1 = new TopicPartition("tw.alerts", 1);
    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void commitsOnlyUpToTheFirstUnfinishedRecord() {
        OffsetLedger.Ticket a = ledger.track(p0, 10);
        OffsetLedger.Ticket b = ledger.track(p0, 11);
        OffsetLedger.Ticket c = ledger.track(p0, 12);
        assertThat(ledger.advance()).isEmpty();
        b.done();
        c.done();
        // 10 is still being delivered (or is a repeat waiting for its group): nothing moves.
        assertThat(ledger.advance()).isEmpty();
        assertThat(ledger.unfinished()).isEqualTo(1);
        a.done();
        assertThat(ledger.advance()).isEqualTo(Map.of(p0, new OffsetAndMetadata(13)));
        assertThat(ledger.advance()).isEmpty();
    }

    @Test
    void partitionsMoveIndependently() {
        ledger.track(p0, 0);
        ledger.track(p1, 5).done();
        assertThat(ledger.advance()).isEqualTo(Map.of(p1, new OffsetAndMetadata(6)));
    }

    @Test
    void revokedPartitionsKillTheirTickets() {
        OffsetLedger.Ticket t = ledger.track(p0, 0);
        OffsetLedger.Ticket other = ledger.track(p1, 0);
        ledger.revoke(List.of(p0));
        assertThat(t.live()).isFalse();
        assertThat(other.live()).isTrue();
        t.done();
        assertThat(ledger.advance()).isEmpty();
    }
}
