package dev.headroom.model.units;

/** A value that does not parse as the quantity it should be; carries the rule and a fix. */
public final class QuantityException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String fix;

    public QuantityException(String rule, String fix) {
        super(rule + "; " + fix);
        this.rule = rule;
        this.fix = fix;
    }

    public String rule() {
        return rule;
    }

    public String fix() {
        return fix;
    }
}
