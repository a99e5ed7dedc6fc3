package dev.skald.participant.micronaut;

import dev.skald.participant.HandlerMethods;
import dev.skald.participant.Participant;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;

/** One {@link HandlesCommand} method of a {@link SkaldParticipant} bean, checked, and registered as a handler. */
record HandlerMethod(String participant, String commandType, BeanDefinition<?> bean,
                     ExecutableMethod<Object, Object> method, HandlerMethods.Signature signature) {

    @SuppressWarnings("unchecked")
    static HandlerMethod of(BeanDefinition<?> bean, ExecutableMethod<?, ?> method) {
        String where = describe(bean, method);
        String participant = bean.stringValue(SkaldParticipant.class).filter(name -> !name.isBlank())
                .orElseThrow(() -> new ConfigurationException(where + ": @HandlesCommand methods belong in a class"
                        + " annotated @SkaldParticipant(\"<participant name>\")"));
        String commandType = method.stringValue(HandlesCommand.class).filter(type -> !type.isBlank())
                .orElseThrow(() -> new ConfigurationException(where + ": @HandlesCommand needs a command type"));
        HandlerMethods.Signature signature = HandlerMethods.signature(method.getArgumentTypes(),
                        method.getReturnType().getType())
                .orElseThrow(() -> new ConfigurationException(where + ": a @HandlesCommand method must be "
                        + HandlerMethods.SHAPES));
        return new HandlerMethod(participant, commandType, bean, (ExecutableMethod<Object, Object>) method,
                signature);
    }

    /** {@code com.acme.InventoryHandlers.reserve(ReserveStock, CommandContext)}. */
    static String describe(BeanDefinition<?> bean, ExecutableMethod<?, ?> method) {
        return HandlerMethods.describe(bean.getBeanType(), method.getMethodName(), method.getArgumentTypes());
    }

    String describe() {
        return describe(bean, method);
    }

    /** Registers this method, called on {@code instance}, as the handler of its command type. */
    void register(Participant.Builder builder, Object instance) {
        signature.register(builder, commandType, arguments -> method.invoke(instance, arguments));
    }
}
