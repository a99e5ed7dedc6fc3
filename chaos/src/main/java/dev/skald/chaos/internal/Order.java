package dev.skald.chaos.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One order saga of the run, drawn from the seed: what it orders and what the run does to it besides starting it.
 *
 * @param sagaId   the saga (and order) id
 * @param sku      what it reserves
 * @param quantity how many
 * @param amount   what it charges
 * @param control  what the run sends it after its start
 */
public record Order(String sagaId, String sku, int quantity, BigDecimal amount, Control control) {
    private static final String[] SKUS = {"A-1", "B-2", "C-3"};

    /** What the run does to a saga while it runs. */
    public enum Control {
        /** Nothing. */
        NONE,
        /** Cancels it shortly after its start. */
        CANCEL,
        /** Pauses it shortly after its start and resumes it a few seconds later. */
        PAUSE
    }

    /** The {@code index}-th order of a run with this seed: 5% cancelled, 5% paused and resumed. */
    public static Order draw(long seed, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        double roll = random.nextDouble();
        Control control = roll < 0.05 ? Control.CANCEL : roll < 0.10 ? Control.PAUSE : Control.NONE;
        BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000, 20_000), 2);
        return new Order(String.format("chaos-%06d", index), SKUS[random.nextInt(SKUS.length)],
                1 + random.nextInt(3), amount, control);
    }

    /** The saga's input. */
    public Map<String, Object> input() {
        return Map.of("sku", sku, "quantity", quantity, "amount", amount, "currency", "EUR",
                "address", "1 Chaos Street", "email", sagaId + "@example.com");
    }
}
