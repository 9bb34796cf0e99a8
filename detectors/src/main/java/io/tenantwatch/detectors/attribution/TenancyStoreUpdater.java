package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.TenancyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global tenancy store in line with {@code tw.tenancy}: a record replaces, a tombstone removes. */
public final class TenancyStoreUpdater implements Processor<String, TenancyRecord, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, TenancyRecord> store;

    public TenancyStoreUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, TenancyRecord> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
