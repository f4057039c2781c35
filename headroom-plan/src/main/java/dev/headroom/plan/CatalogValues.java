package dev.headroom.plan;

import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.catalog.CatalogFilter;
import dev.headroom.model.catalog.CatalogFilterException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values picked from the catalog, in the filter language of {@code headroom catalog}: {@code
 * TABLE(TERM, TERM...)}, such as {@code instances(family=c5, vcpus<=8)} or {@code rds(db.r6g.*)},
 * where TABLE is one of the catalog's tables and every term must match.
 */
final class CatalogValues {
    private static final Pattern FILTER = Pattern.compile("\\s*([A-Za-z]+)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

    private CatalogValues() {}

    static boolean looksLikeFilter(String text) {
        return FILTER.matcher(text).matches();
    }

    /** The names of the rows of the built-in catalog that {@code text} selects, in catalog order. */
    static List<String> select(String text, String where) {
        Matcher m = FILTER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a filter: " + text);
        }
        List<String> terms = new ArrayList<>();
        for (String t : m.group(2).split(",", -1)) {
            if (!t.isBlank()) {
                terms.add(t.trim());
            }
        }
        try {
            CatalogFilter.Table table = CatalogFilter.Table.named(m.group(1));
            return CatalogFilter.parse(table, terms).names(Catalog.builtIn());
        } catch (CatalogFilterException e) {
            // The term as given leads the rule: 'machines': unknown table, 'colour=red': unknown field 'colour'.
            throw new PlanInputException(where, "'" + e.term() + "': " + e.rule(), e.fix());
        }
    }
}
