package dev.skald.participant.spring.internal;

import dev.skald.participant.HandlerMethods;
import dev.skald.participant.Participant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One {@code @HandlesCommand} method of a bean, checked, and registered as a handler.
 *
 * @param participant the participant's name
 * @param commandType the command type it handles
 * @param beanName    the bean's name
 * @param bean        the bean (perhaps a proxy)
 * @param method      the method as declared
 * @param invocable   the method to call on {@code bean}
 * @param signature   its payload type, and whether it takes the context
 */
public record HandlerMethod(String participant, String commandType, String beanName, Object bean, Method method,
                            Method invocable, HandlerMethods.Signature signature) {

    /** {@code com.acme.InventoryHandlers.reserve(ReserveStock, CommandContext) of bean 'inventoryHandlers'}. */
    public String describe() {
        return describe(method, beanName);
    }

    static String describe(Method method, String beanName) {
        return HandlerMethods.describe(method.getDeclaringClass(), method.getName(), method.getParameterTypes())
                + " of bean '" + beanName + "'";
    }

    /** Registers this method as the handler of its command type. */
    public void register(Participant.Builder builder) {
        signature.register(builder, commandType, this::invoke);
    }

    private Object invoke(Object... arguments) throws Exception {
        try {
            return invocable.invoke(bean, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
