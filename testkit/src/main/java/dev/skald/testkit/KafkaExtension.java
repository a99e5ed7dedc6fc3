package dev.skald.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link WithKafka}: starts one {@link EmbeddedKafka} per test class, keeps it in the
 * class's extension store (which closes it after the class's last test), and resolves parameters of type
 * {@link EmbeddedKafka} and {@link KafkaBroker}. {@code @Nested} classes share their enclosing class's broker.
 * Registered with {@code @ExtendWith(KafkaExtension.class)} alone, it starts a broker with the default
 * configuration.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EmbeddedKafka.class || type == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    private static EmbeddedKafka broker(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(EmbeddedKafka.class, key -> start(classContext), EmbeddedKafka.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static EmbeddedKafka start(ExtensionContext classContext) {
        Optional<WithKafka> settings = settings(classContext.getRequiredTestClass());
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
        settings.ifPresent(withKafka -> {
            for (String property : withKafka.brokerProperties()) {
                int equals = property.indexOf('=');
                if (equals <= 0) {
                    throw new ExtensionConfigurationException(
                            "@WithKafka brokerProperties must be key=value, not '" + property + "'");
                }
                builder.brokerProperty(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
            }
        });
        EmbeddedKafka kafka = builder.start();
        settings.filter(withKafka -> withKafka.topics().length > 0)
                .ifPresent(withKafka -> createTopics(kafka, withKafka));
        return kafka;
    }

    private static void createTopics(EmbeddedKafka kafka, WithKafka withKafka) {
        try {
            kafka.createTopics(withKafka.partitions(), withKafka.topics());
        } catch (RuntimeException e) {
            try {
                kafka.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The {@code @WithKafka} of the test class or of a class enclosing it. */
    private static Optional<WithKafka> settings(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<WithKafka> found = AnnotationSupport.findAnnotation(type, WithKafka.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
