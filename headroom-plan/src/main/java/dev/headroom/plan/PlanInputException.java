package dev.headroom.plan;

/**
 * Bad input to a plan, with the value, the rule it breaks and a fix: a dimension that cannot be
 * read, a space too large, a spec without goals. {@code where} is the argument or the spec location.
 */
public final class PlanInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String rule;
    private final String fix;

    public PlanInputException(String where, String rule, String fix) {
        super(where + ": " + rule + "\n    fix: " + fix);
        this.where = where;
        this.rule = rule;
        this.fix = fix;
    }

    public String where() {
        return where;
    }

    public String rule() {
        return rule;
    }

    public String fix() {
        return fix;
    }
}
