package dev.headroom.model.workload;

/**
 * What one request asks of the database: {@code queries} queries, one after another, each with
 * its own CPU time on the database and {@code ioPerQuery} disk I/Os (log and data writes), plus
 * {@code pagesPerQuery} page reads that go to disk when they miss the buffer pool. The last
 * {@code writes} queries are writes (to the primary), the rest reads; the last {@code inserts} of
 * the writes insert into a table with an AUTO_INCREMENT key. Each request adds {@code rowsAdded}
 * rows to the data.
 */
public record DbDemand(
        int queries, Distribution cpu, int ioPerQuery, int writes, int inserts, int pagesPerQuery, double rowsAdded) {
    public static final DbDemand NONE = new DbDemand(0, new Distribution.Fixed(0), 0, 0, 0, 0, 0);

    /** The same demand with {@code writes} more write queries, {@code inserts} of them inserts. */
    public DbDemand plusWrites(int writes, int inserts) {
        return new DbDemand(
                queries + writes,
                cpu,
                ioPerQuery,
                this.writes + writes,
                this.inserts + inserts,
                pagesPerQuery,
                rowsAdded);
    }
}
