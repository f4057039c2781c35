package dev.headroom.model.catalog;

/**
 * A catalog filter term (or table name) that cannot be read: the term as given, the rule it
 * breaks and how to fix it. The message reads {@code --filter 'vcpux>=4': unknown field 'vcpux'}
 * with the fix on the next line; a caller that takes terms from elsewhere can build its own from
 * {@link #term()}, {@link #rule()} and {@link #fix()}.
 */
public final class CatalogFilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String term;
    private final String rule;
    private final String fix;

    CatalogFilterException(String where, String term, String rule, String fix) {
        super(where + " '" + term + "': " + rule + "\n    fix: " + fix);
        this.term = term;
        this.rule = rule;
        this.fix = fix;
    }

    /** The term (or table name) as given. */
    public String term() {
        return term;
    }

    /** The rule it breaks, such as {@code unknown field 'vcpux'}. */
    public String rule() {
        return rule;
    }

    /** What to write instead, such as {@code did you mean 'vcpus'? valid: ...}. */
    public String fix() {
        return fix;
    }
}
