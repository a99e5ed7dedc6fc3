package dev.skald.saga.format;

import java.util.Optional;

/**
 * Finds the value a SWITCH ({@code evaluatorType: value-param}, {@code expression}) or a DECISION
 * ({@code caseValueParam}) looks at: the input parameter the task names. JavaScript evaluators are reported as
 * unsupported.
 */
final class SwitchOperand {
    private static final String VALUE_PARAM = "value-param";

    private SwitchOperand() {
    }

    /** The switch value as a condition operand; empty when it cannot be found or expressed (which is reported). */
    static Optional<String> of(String type, Fields task) {
        Optional<String> parameter = type.equals("SWITCH") ? switchParameter(task) : decisionParameter(task);
        Fields input = task.objectOrEmpty("inputParameters");
        return parameter.flatMap(name -> input.required(name, Values.MAPPING.then(SwitchConditions::operand)));
    }

    private static Optional<String> switchParameter(Fields task) {
        Optional<String> evaluator = task.required("evaluatorType", Values.TEXT);
        Optional<String> expression = task.required("expression", Values.TEXT);
        if (evaluator.isPresent() && !evaluator.get().equalsIgnoreCase(VALUE_PARAM)) {
            task.problem("evaluatorType", Conductor.unsupported("SWITCH evaluatorType '" + evaluator.get() + "'")
                    + "; use value-param");
            return Optional.empty();
        }
        return evaluator.flatMap(e -> expression);
    }

    private static Optional<String> decisionParameter(Fields task) {
        Optional<String> script = task.optional("caseExpression", Values.TEXT).filter(s -> !s.isBlank());
        script.ifPresent(s -> task.problem("caseExpression",
                Conductor.unsupported("DECISION caseExpression (JavaScript)") + "; use caseValueParam"));
        return script.isPresent() ? Optional.empty() : task.required("caseValueParam", Values.TEXT);
    }
}
