package io.tenantwatch.ingest.eventhubs;

import java.time.Instant;

/**
 * One message of a hub partition, however it was read: an AMQP {@code EventData} or a record of
 * the Kafka endpoint.
 *
 * @param body         the message body: an AKS {@code {"records":[…]}} envelope, or Falco alerts
 * @param sequence     the position in the partition (the sequence number, or the Kafka offset); -1
 *                     when unknown
 * @param enqueuedTime when the hub took it; null when unknown
 */
public record HubMessage(byte[] body, long sequence, Instant enqueuedTime) {}
