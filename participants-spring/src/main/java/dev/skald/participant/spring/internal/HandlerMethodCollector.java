package dev.skald.participant.spring.internal;

import dev.skald.participant.HandlerMethods;
import dev.skald.participant.spring.HandlesCommand;
import dev.skald.participant.spring.ParticipantSetupException;
import dev.skald.participant.spring.SkaldParticipant;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link HandlesCommand} methods of every bean as it is initialized, and checks them: the signature, the
 * {@link SkaldParticipant} annotation of the bean, one handler per command type and participant. A bad one fails the
 * bean's creation with a {@link ParticipantSetupException}, so the context refresh stops before any participant
 * starts.
 */
public final class HandlerMethodCollector implements BeanPostProcessor {
    private static final String SIGNATURE_ACTION = "Give the method one of the signatures "
            + HandlerMethods.SHAPES + ".";

    private final Map<String, Map<String, HandlerMethod>> handlers = new LinkedHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, HandlesCommand> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<HandlesCommand>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, HandlesCommand.class));
        if (!methods.isEmpty()) {
            SkaldParticipant participant = AnnotatedElementUtils.findMergedAnnotation(type, SkaldParticipant.class);
            methods.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                    .forEach(e -> add(check(participant, bean, beanName, e.getKey(), e.getValue())));
        }
        return bean;
    }

    private static HandlerMethod check(SkaldParticipant participant, Object bean, String beanName, Method method,
                                       HandlesCommand annotation) {
        String where = HandlerMethod.describe(method, beanName);
        if (participant == null || participant.value().isBlank()) {
            throw new ParticipantSetupException(where + ": @HandlesCommand methods belong in a class annotated"
                    + " @SkaldParticipant(\"<participant name>\")",
                    "Annotate " + method.getDeclaringClass().getName() + " with @SkaldParticipant(\"<participant"
                            + " name>\"), or remove @HandlesCommand from the method.");
        }
        if (annotation.value().isBlank()) {
            throw new ParticipantSetupException(where + ": @HandlesCommand needs a command type",
                    "Name the command type: @HandlesCommand(\"ReserveStock\").");
        }
        HandlerMethods.Signature signature = HandlerMethods.signature(method.getParameterTypes(),
                method.getReturnType()).orElseThrow(() -> new ParticipantSetupException(where
                + ": a @HandlesCommand method must be " + HandlerMethods.SHAPES, SIGNATURE_ACTION));
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        return new HandlerMethod(participant.value(), annotation.value(), beanName, bean, method, invocable,
                signature);
    }

    private synchronized void add(HandlerMethod handler) {
        HandlerMethod other = handlers.computeIfAbsent(handler.participant(), name -> new LinkedHashMap<>())
                .putIfAbsent(handler.commandType(), handler);
        if (other != null) {
            throw new ParticipantSetupException("participant " + handler.participant() + ": command type '"
                    + handler.commandType() + "' has two handlers, " + other.describe() + " and "
                    + handler.describe() + " (one per command type)",
                    "Keep one @HandlesCommand(\"" + handler.commandType() + "\") method per participant.");
        }
    }

    /** The handler methods found, by participant name, in the order their beans were created. */
    public synchronized Map<String, List<HandlerMethod>> byParticipant() {
        Map<String, List<HandlerMethod>> copy = new LinkedHashMap<>();
        handlers.forEach((name, methods) -> copy.put(name, List.copyOf(methods.values())));
        return copy;
    }
}
