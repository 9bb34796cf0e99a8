package io.tenantwatch.detectors.stateful;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The hourly purge of the key-value stores whose entries expire by their last use. */
final class StoreSweep {

    private StoreSweep() {}

    /** Deletes every entry for which {@code expired} holds (collected first: no deletes while iterating). */
    static <V> void deleteWhere(KeyValueStore<String, V> store, BiPredicate<String, V> expired) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, V> entry = all.next();
                if (expired.test(entry.key, entry.value)) {
                    keys.add(entry.key);
                }
            }
        }
        keys.forEach(store::delete);
    }
}
