package dev.skald.examples.onboarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.skald.examples.FailureInjection;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The participants of the {@link OnboardingSaga}, named after the Conductor tasks: {@code create_user_account}
 * (a user directory; an email registered by another saga is a business failure), {@code send_verification_email}
 * (an outbox, one message per command id) and {@code setup_notification_preferences} (preferences per user; an
 * unknown user is a business failure).
 */
public final class OnboardingServices implements AutoCloseable {
    public static final String CREATE_USER_ACCOUNT = "create_user_account";
    public static final String SEND_VERIFICATION_EMAIL = "send_verification_email";
    public static final String SETUP_NOTIFICATION_PREFERENCES = "setup_notification_preferences";

    /** The input of {@code create_user_account}. */
    public record CreateUserAccount(String email, String name, String phone) {
        public CreateUserAccount {
            if (email == null || !email.contains("@")) {
                throw new IllegalArgumentException("email must be an address, was " + email);
            }
        }
    }

    /** The input of {@code send_verification_email}. */
    public record SendVerificationEmail(String email, @JsonProperty("verification_token") String verificationToken) {
        public SendVerificationEmail {
            Objects.requireNonNull(email, "email is required");
            Objects.requireNonNull(verificationToken, "verification_token is required");
        }
    }

    /** The input of {@code setup_notification_preferences}. */
    public record SetupNotificationPreferences(@JsonProperty("user_id") String userId,
                                               @JsonProperty("default_channels") List<String> defaultChannels) {
        public SetupNotificationPreferences {
            Objects.requireNonNull(userId, "user_id is required");
            defaultChannels = defaultChannels == null ? List.of() : List.copyOf(defaultChannels);
        }
    }

    /** A user account. */
    public record User(String userId, String email, String name, String phone, String sagaId) {
    }

    /** A verification email in the outbox. */
    public record Email(String to, String token) {
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Email> outbox = new LinkedHashMap<>();
    private final Map<String, List<String>> preferences = new HashMap<>();
    private final List<Participant> participants = new ArrayList<>();

    private OnboardingServices() {
    }

    /** Starts the three participants. */
    public static OnboardingServices start(ParticipantConfig config, FailureInjection failures) {
        OnboardingServices s = new OnboardingServices();
        try {
            s.participants.add(Participant.named(CREATE_USER_ACCOUNT).config(config)
                    .handle(CREATE_USER_ACCOUNT, CreateUserAccount.class, (cmd, ctx) -> {
                        failures.apply(ctx);
                        return s.createUser(cmd, ctx);
                    }).start());
            s.participants.add(Participant.named(SEND_VERIFICATION_EMAIL).config(config)
                    .handle(SEND_VERIFICATION_EMAIL, SendVerificationEmail.class, (cmd, ctx) -> {
                        failures.apply(ctx);
                        return s.sendVerification(cmd, ctx);
                    }).start());
            s.participants.add(Participant.named(SETUP_NOTIFICATION_PREFERENCES).config(config)
                    .handle(SETUP_NOTIFICATION_PREFERENCES, SetupNotificationPreferences.class, (cmd, ctx) -> {
                        failures.apply(ctx);
                        return s.setupPreferences(cmd);
                    }).start());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    synchronized Reply createUser(CreateUserAccount cmd, CommandContext ctx) {
        User user = users.values().stream().filter(u -> u.email().equalsIgnoreCase(cmd.email())).findFirst()
                .orElse(null);
        if (user != null && !user.sagaId().equals(ctx.sagaId())) {
            return Reply.failure("email " + cmd.email() + " is already registered");
        }
        if (user == null) {
            user = new User("user-" + (users.size() + 1), cmd.email(), cmd.name(), cmd.phone(), ctx.sagaId());
            users.put(user.userId(), user);
        }
        return Reply.success(Map.of("user_id", user.userId(), "email", user.email(),
                "verification_token", "tok-" + Integer.toHexString(ctx.sagaId().hashCode())));
    }

    synchronized Reply sendVerification(SendVerificationEmail cmd, CommandContext ctx) {
        outbox.putIfAbsent(ctx.idempotencyKey(), new Email(cmd.email(), cmd.verificationToken()));
        return Reply.success(Map.of("sent", true, "to", cmd.email()));
    }

    synchronized Reply setupPreferences(SetupNotificationPreferences cmd) {
        if (!users.containsKey(cmd.userId())) {
            return Reply.failure("no user " + cmd.userId());
        }
        preferences.put(cmd.userId(), cmd.defaultChannels());
        return Reply.success(Map.of("user_id", cmd.userId(), "channels", cmd.defaultChannels()));
    }

    /** The user registered with this email, if any. */
    public synchronized Optional<User> userByEmail(String email) {
        return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
    }

    /** Verification emails sent to this address. */
    public synchronized List<Email> emailsTo(String email) {
        return outbox.values().stream().filter(e -> e.to().equalsIgnoreCase(email)).toList();
    }

    /** A user's notification channels, if set. */
    public synchronized Optional<List<String>> preferencesOf(String userId) {
        return Optional.ofNullable(preferences.get(userId));
    }

    /** The running participants. */
    public List<Participant> participants() {
        return List.copyOf(participants);
    }

    @Override
    public void close() {
        for (int i = participants.size() - 1; i >= 0; i--) {
            participants.get(i).close();
        }
    }
}
