package dev.skald.participant.micronaut;

import dev.skald.participant.CommandContext;
import dev.skald.participant.CommandHandler;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One {@link HandlesCommand} method of a {@link SkaldParticipant} bean, checked, and registered as a handler. */
record HandlerMethod(String participant, String commandType, BeanDefinition<?> bean,
                     ExecutableMethod<Object, Object> method, Class<?> payloadType, boolean takesContext) {

    @SuppressWarnings("unchecked")
    static HandlerMethod of(BeanDefinition<?> bean, ExecutableMethod<?, ?> method) {
        String where = describe(bean, method);
        String participant = bean.stringValue(SkaldParticipant.class).filter(name -> !name.isBlank())
                .orElseThrow(() -> new ConfigurationException(where + ": @HandlesCommand methods belong in a class"
                        + " annotated @SkaldParticipant(\"<participant name>\")"));
        String commandType = method.stringValue(HandlesCommand.class).filter(type -> !type.isBlank())
                .orElseThrow(() -> new ConfigurationException(where + ": @HandlesCommand needs a command type"));
        Class<?>[] args = method.getArgumentTypes();
        boolean takesContext = args.length == 2 && args[1] == CommandContext.class;
        boolean payloadOk = args.length >= 1 && !args[0].isPrimitive() && args[0] != CommandContext.class;
        if (!payloadOk || (args.length != 1 && !takesContext)
                || !Reply.class.isAssignableFrom(method.getReturnType().getType())) {
            throw new ConfigurationException(where + ": a @HandlesCommand method must be"
                    + " 'Reply name(T payload, CommandContext context)' or 'Reply name(T payload)', with T the"
                    + " payload's type (a record, a class, Map or JsonNode)");
        }
        return new HandlerMethod(participant, commandType, bean, (ExecutableMethod<Object, Object>) method, args[0],
                takesContext);
    }

    /** {@code com.acme.InventoryHandlers.reserve(ReserveStock, CommandContext)}. */
    static String describe(BeanDefinition<?> bean, ExecutableMethod<?, ?> method) {
        return bean.getBeanType().getName() + "." + method.getMethodName() + "("
                + Arrays.stream(method.getArgumentTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }

    String describe() {
        return describe(bean, method);
    }

    /** Registers this method, called on {@code instance}, as the handler of its command type. */
    void register(Participant.Builder builder, Object instance) {
        register(builder, payloadType, instance);
    }

    private <T> void register(Participant.Builder builder, Class<T> type, Object instance) {
        CommandHandler<T> handler = takesContext
                ? (payload, context) -> (Reply) method.invoke(instance, payload, context)
                : (payload, context) -> (Reply) method.invoke(instance, payload);
        builder.handle(commandType, type, handler);
    }
}
