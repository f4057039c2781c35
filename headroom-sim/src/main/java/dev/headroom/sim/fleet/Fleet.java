package dev.headroom.sim.fleet;

import java.util.List;

/**
 * The instances of a pool as slots, each in one state of its life: booting, registering (passing
 * the balancer's health checks), in service, draining, dead (killed, but the balancer has not
 * noticed yet), or a ghost (gone, with work it had started still finishing). A slot is reused once
 * it is free. An instance is billed from launch to termination or death.
 */
public final class Fleet {
    public static final int FREE = 0;
    public static final int BOOTING = 1;
    public static final int REGISTERING = 2;
    public static final int IN_SERVICE = 3;
    public static final int DRAINING = 4;
    public static final int DEAD = 5;
    public static final int GHOST = 6;

    private final int[] state;
    private final int[] zone;
    private final int[] epoch;
    private final long[] inServiceAt;
    /** Shared with the balancers: whether each slot is registered (the balancer sends it requests). */
    private final boolean[] routable;

    private final List<String> zones;
    private final boolean[] zoneDown;
    private final int[] firstNumber;
    private int launched;
    public int desired;
    public int min;
    public int max;

    public Fleet(int slots, int initial, int min, int max, List<String> zones) {
        this.state = new int[slots];
        this.zone = new int[slots];
        this.epoch = new int[slots];
        this.inServiceAt = new long[slots];
        this.routable = new boolean[slots];
        this.firstNumber = new int[slots];
        this.zones = List.copyOf(zones);
        this.zoneDown = new boolean[zones.size()];
        this.desired = initial;
        this.min = min;
        this.max = max;
        for (int i = 0; i < initial; i++) {
            state[i] = IN_SERVICE;
            zone[i] = i % zones.size();
            routable[i] = true;
            inServiceAt[i] = Long.MIN_VALUE / 2;
            firstNumber[i] = ++launched;
        }
    }

    /** The first slot the balancer may use (a pool without a balancer), or -1. */
    public int firstRoutable() {
        for (int i = 0; i < routable.length; i++) {
            if (routable[i]) {
                return i;
            }
        }
        return -1;
    }

    public int slots() {
        return state.length;
    }

    public int state(int slot) {
        return state[slot];
    }

    public void setState(int slot, int s) {
        state[slot] = s;
        routable[slot] = s == IN_SERVICE || s == DEAD && routable[slot];
    }

    public boolean[] routable() {
        return routable;
    }

    /** The instance's number as the spec names it ({@code web-3}): launch order, 1-based. */
    public int number(int slot) {
        return firstNumber[slot];
    }

    public int slotOfNumber(int number) {
        for (int i = 0; i < state.length; i++) {
            if (firstNumber[i] == number && state[i] != FREE && state[i] != GHOST) {
                return i;
            }
        }
        return -1;
    }

    public String zoneName(int slot) {
        return zones.get(zone[slot]);
    }

    public int zoneIndex(String name) {
        return zones.indexOf(name);
    }

    public void setZoneDown(int z, boolean down) {
        zoneDown[z] = down;
    }

    public int epoch(int slot) {
        return epoch[slot];
    }

    public long inServiceAt(int slot) {
        return inServiceAt[slot];
    }

    public void markInService(int slot, long now) {
        setState(slot, IN_SERVICE);
        inServiceAt[slot] = now;
    }

    /**
     * Takes a free slot for a new instance in the zone (of those up) with the fewest live
     * instances, as EC2 Auto Scaling balances zones; -1 when no slot is free or every zone is down.
     */
    public int launch(java.util.function.IntPredicate slotEmpty) {
        int bestZone = -1;
        int bestCount = Integer.MAX_VALUE;
        for (int z = 0; z < zones.size(); z++) {
            if (zoneDown[z]) {
                continue;
            }
            int c = 0;
            for (int i = 0; i < state.length; i++) {
                if (zone[i] == z && live(i)) {
                    c++;
                }
            }
            if (c < bestCount) {
                bestCount = c;
                bestZone = z;
            }
        }
        if (bestZone < 0) {
            return -1;
        }
        for (int i = 0; i < state.length; i++) {
            if ((state[i] == FREE || state[i] == GHOST) && slotEmpty.test(i)) {
                state[i] = BOOTING;
                routable[i] = false;
                zone[i] = bestZone;
                epoch[i]++;
                firstNumber[i] = ++launched;
                return i;
            }
        }
        return -1;
    }

    /** Counts toward the desired count: booting, registering, in service, or dead but not yet noticed. */
    public boolean live(int slot) {
        int s = state[slot];
        return s == BOOTING || s == REGISTERING || s == IN_SERVICE || s == DEAD;
    }

    /** Billed: launched and not yet terminated or dead. */
    public boolean billed(int slot) {
        int s = state[slot];
        return s == BOOTING || s == REGISTERING || s == IN_SERVICE || s == DRAINING;
    }

    public int count(int s) {
        int c = 0;
        for (int v : state) {
            if (v == s) {
                c++;
            }
        }
        return c;
    }

    public int liveCount() {
        int c = 0;
        for (int i = 0; i < state.length; i++) {
            if (live(i)) {
                c++;
            }
        }
        return c;
    }

    /**
     * The instance to remove on scale-in: one still starting if any (newest first), else an
     * in-service one in the zone with the most instances (EC2 Auto Scaling's default termination
     * policy balances zones), newest first; -1 if none.
     */
    public int pickToRemove() {
        for (int s : new int[] {BOOTING, REGISTERING}) {
            int best = -1;
            for (int i = 0; i < state.length; i++) {
                if (state[i] == s && (best < 0 || firstNumber[i] > firstNumber[best])) {
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        int[] perZone = new int[zones.size()];
        for (int i = 0; i < state.length; i++) {
            if (state[i] == IN_SERVICE) {
                perZone[zone[i]]++;
            }
        }
        int best = -1;
        for (int i = 0; i < state.length; i++) {
            if (state[i] != IN_SERVICE) {
                continue;
            }
            if (best < 0
                    || perZone[zone[i]] > perZone[zone[best]]
                    || perZone[zone[i]] == perZone[zone[best]] && firstNumber[i] > firstNumber[best]) {
                best = i;
            }
        }
        return best;
    }
}
