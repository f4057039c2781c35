package dev.headroom.model.workload;

/**
 * A lock a request holds for part of its work, shared by every request that names it: a hot row
 * locked with SELECT ... FOR UPDATE, an application mutex, MySQL's GET_LOCK. Requests queue for it
 * first come first served and hold it for {@code hold}.
 */
public record NamedLock(String name, Distribution hold) {}
