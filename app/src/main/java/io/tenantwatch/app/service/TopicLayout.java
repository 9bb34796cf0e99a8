package io.tenantwatch.app.service;

import io.tenantwatch.schemas.Topics;

/**
 * The topics every part shares: their names' prefix, and how topics the service creates when
 * missing are laid out (an operator's pre-created topics keep their own layout).
 *
 * @param prefix            prefix of every topic name
 * @param partitions        partitions of topics created when missing
 * @param replicationFactor replication of topics created when missing, and of Streams' internal topics
 */
public record TopicLayout(String prefix, int partitions, short replicationFactor) {

    /** The command line's defaults. */
    public static final TopicLayout DEFAULTS = new TopicLayout(Topics.DEFAULT_PREFIX, 3, (short) 1);

    public TopicLayout {
        prefix = prefix == null ? Topics.DEFAULT_PREFIX : prefix;
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("--replication-factor must be at least 1, was " + replicationFactor);
        }
    }

    public Topics topics() {
        return Topics.withPrefix(prefix);
    }
}
