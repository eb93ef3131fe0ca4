package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jointraft.conformance.tlc.TlcDriver;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcRun;
import org.junit.jupiter.api.Test;

/**
 * FastLogScan replaces JointRaft's ScanMembers in validation runs, so it must compute exactly what the TLA+
 * definition computes: TLC checks that, with the override switched on, on every log of up to 4 entries of every
 * kind, every index and every floor, against a verbatim copy of the TLA+ recursion.
 */
class FastLogScanTest {

    private static final String MODULE = """
            ---- MODULE ScanCheck ----
            EXTENDS JointRaft, TLC
            RECURSIVE Reference(_, _, _)
            Reference(lg, k, floor) ==
                IF k <= floor THEN 0
                ELSE IF lg[k].kind = "member" THEN k
                ELSE Reference(lg, k - 1, floor)
            Entry(kind) == [term |-> 1, kind |-> kind, mem |-> NoMembership]
            RECURSIVE Logs(_)
            Logs(n) == IF n = 0 THEN {<<>>}
                       ELSE {Append(lg, Entry(kd)) : lg \\in Logs(n - 1), kd \\in {"blank", "normal", "member"}}
            AllLogs == UNION {Logs(n) : n \\in 0..4}
            ASSUME \\A lg \\in AllLogs : \\A k \\in 0..Len(lg) : \\A floor \\in 0..Len(lg) :
                       ScanMembers(lg, k, floor) = Reference(lg, k, floor)
            ASSUME Cardinality(AllLogs) = 121
            ScanBootstrap == [configs |-> <<{1}>>, learners |-> {}]
            Stay == UNCHANGED vars
            ====
            """;

    private static TlcResult check(boolean override) {
        return TlcDriver.local().run(TlcRun.of("ScanCheck")
                .cfgText("CONSTANTS\n  Server = {1}\n  Bootstrap <- ScanBootstrap\nINIT Init\nNEXT Stay\n")
                .extraFile("ScanCheck.tla", MODULE)
                .jvmOptions("-D" + FastLogScan.PROPERTY + "=" + override)
                .timeout(Duration.ofMinutes(2)).build());
    }

    @Test
    void theJavaScanAgreesWithTheTlaDefinitionOnEveryShortLog() {
        TlcResult withOverride = check(true);

        assertThat(withOverride).as(withOverride.output().raw()).isInstanceOf(TlcResult.Ok.class);
    }

    @Test
    void theOverrideIsOfferedOnlyWhenItsPropertyIsSet() {
        String before = System.getProperty(FastLogScan.PROPERTY);
        try {
            System.setProperty(FastLogScan.PROPERTY, "true");
            assertThat(new tlc2.overrides.TLCOverrides().get()).contains(FastLogScan.class, TraceIO.class);
            System.setProperty(FastLogScan.PROPERTY, "false");
            assertThat(new tlc2.overrides.TLCOverrides().get()).containsExactly(TraceIO.class);
        } finally {
            if (before == null) {
                System.clearProperty(FastLogScan.PROPERTY);
            } else {
                System.setProperty(FastLogScan.PROPERTY, before);
            }
        }
    }
}
