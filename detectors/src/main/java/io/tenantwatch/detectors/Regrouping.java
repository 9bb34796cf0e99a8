package io.tenantwatch.detectors;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * How records re-keyed so that what belongs together meets in one task get there: through a
 * named repartition topic in the service, whose tasks each read a share of the partitions; straight
 * on in one task ({@link DetectionTopology#inProcess}), where they already meet and a topic would
 * only cost the test driver a capture per record.
 */
public record Regrouping(boolean oneTask) {

    /** The service's: every regrouping through its repartition topic. */
    public static final Regrouping THROUGH_TOPICS = new Regrouping(false);

    public <V> KStream<String, V> regroup(KStream<String, V> keyed, String name, Serde<V> values) {
        return oneTask
                ? keyed
                : keyed.repartition(Repartitioned.<String, V>as(name)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(values));
    }
}
