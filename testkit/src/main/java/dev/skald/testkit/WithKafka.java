package dev.skald.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against a real Kafka broker: one {@link EmbeddedKafka} is started before the class's first
 * test, shared by all its tests (and its {@code @Nested} classes), and closed after the last. Constructor and
 * method parameters of type {@link EmbeddedKafka} or {@link KafkaBroker} receive it.
 *
 * <pre>{@code
 * @WithKafka(topics = {"orders", "payments"}, partitions = 3)
 * class OrderFlowTest {
 *     @Test
 *     void shipsPaidOrders(EmbeddedKafka kafka) {
 *         Map<String, Object> config = kafka.clientConfig();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @see KafkaExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {

    /** Extra broker properties, each {@code key=value}, such as {@code "auto.create.topics.enable=false"}. */
    String[] brokerProperties() default {};

    /** Topics created once the broker runs, with {@link #partitions()} partitions each. */
    String[] topics() default {};

    /** The partition count of {@link #topics()}. */
    int partitions() default 1;
}
