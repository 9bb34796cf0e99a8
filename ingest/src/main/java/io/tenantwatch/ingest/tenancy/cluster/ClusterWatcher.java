package io.tenantwatch.ingest.tenancy.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps one cluster's Namespaces, Capsule Tenants and HNC HierarchyConfigurations current with
 * fabric8 informers (a list, then a watch; a full relist when the watch breaks or its resource
 * version expires; a periodic resync), and calls {@code onChange} after every change. Capsule and
 * HNC are optional: when the cluster does not serve their kinds, their informers stop and the
 * cluster simply has none.
 */
final class ClusterWatcher implements AutoCloseable {

    private final String cluster;
    private final KubernetesClient client;
    private final Runnable onChange;
    private final Clock clock;
    private final AtomicLong watchErrors = new AtomicLong();
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<GenericKubernetesResource> tenants;
    private SharedIndexInformer<GenericKubernetesResource> hierarchies;
    private volatile Instant lastSync;
    private boolean watching = true;

    ClusterWatcher(String cluster, KubernetesClient client, Runnable onChange, Clock clock) {
        this.cluster = cluster;
        this.client = client;
        this.onChange = onChange;
        this.clock = clock;
    }

    /** Starts the informers and waits for the namespaces' first list; fails with one line if it never comes. */
    void start(Duration resync, Duration timeout) {
        ResourceEventHandler<Object> changed = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                touched();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                touched();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                touched();
            }
        };
        namespaces = client.namespaces().runnableInformer(resync.toMillis());
        namespaces.exceptionHandler((started, t) -> {
            watchErrors.incrementAndGet();
            return true;
        });
        namespaces.addEventHandler(changed);
        tenants = optional(
                client.genericKubernetesResources(KubernetesObjects.CAPSULE_TENANTS)
                        .runnableInformer(resync.toMillis()),
                changed);
        hierarchies = optional(
                client.genericKubernetesResources(KubernetesObjects.HNC_HIERARCHIES)
                        .inAnyNamespace()
                        .runnableInformer(resync.toMillis()),
                changed);
        try {
            namespaces.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenancyDirectoryException("cluster " + cluster + ": interrupted while listing namespaces", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new TenancyDirectoryException(
                    "cluster " + cluster + ": cannot list namespaces from " + client.getMasterUrl() + " within "
                            + timeout.toSeconds() + " s"
                            + (e.getCause() == null ? "" : ": " + ClusterBinding.oneLine(e.getCause())),
                    e);
        }
        awaitOptional(tenants, timeout);
        awaitOptional(hierarchies, timeout);
        lastSync = clock.instant();
    }

    private SharedIndexInformer<GenericKubernetesResource> optional(
            SharedIndexInformer<GenericKubernetesResource> informer, ResourceEventHandler<Object> changed) {
        informer.exceptionHandler((started, t) -> {
            if (t instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false; // the kind is not served: Capsule or HNC is not installed
            }
            watchErrors.incrementAndGet();
            return true;
        });
        informer.addEventHandler(changed);
        return informer;
    }

    private static void awaitOptional(SharedIndexInformer<GenericKubernetesResource> informer, Duration timeout) {
        try {
            informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not installed (stopped on 404) or slow: the cluster is read without it until it answers.
        }
    }

    private void touched() {
        lastSync = clock.instant();
        onChange.run();
    }

    /** The objects as the informers hold them now. */
    ClusterObjects snapshot() {
        Map<String, NamespaceObject> byName = new LinkedHashMap<>();
        for (Namespace ns : namespaces.getStore().list()) {
            NamespaceObject object = KubernetesObjects.namespace(ns);
            byName.put(object.name(), object);
        }
        List<CapsuleTenantObject> capsule = tenants.hasSynced()
                ? KubernetesObjects.capsuleTenants(tenants.getStore().list())
                : List.of();
        Map<String, String> parents = new HashMap<>();
        if (hierarchies.hasSynced()) {
            for (GenericKubernetesResource h : hierarchies.getStore().list()) {
                String parent = KubernetesObjects.hncParent(h);
                if (parent != null) {
                    parents.put(h.getMetadata().getNamespace(), parent);
                }
            }
        }
        return new ClusterObjects(byName, capsule, parents);
    }

    /**
     * When the directory last knew the cluster's state to be current: now while the namespace
     * watch is open, else the last change or list it saw.
     */
    Instant lastSync() {
        if (namespaces != null && namespaces.isWatching()) {
            lastSync = clock.instant();
        }
        return lastSync;
    }

    /**
     * Counts a watch interruption when the namespace watch was open at the last check and is not
     * now: fabric8 reconnects and relists by itself without reporting it to the exception handler.
     */
    void checkWatch() {
        boolean now = namespaces != null && namespaces.isWatching();
        if (watching && !now) {
            watchErrors.incrementAndGet();
        }
        watching = now;
        lastSync();
    }

    long watchErrors() {
        return watchErrors.get();
    }

    String cluster() {
        return cluster;
    }

    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {namespaces, tenants, hierarchies}) {
            if (informer != null) {
                informer.stop();
            }
        }
        client.close();
    }
}
