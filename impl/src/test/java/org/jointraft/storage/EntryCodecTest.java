package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Snapshot;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

    @Provide
    Arbitrary<Entry> entries() {
        Arbitrary<Long> terms = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<String> data = Arbitraries.strings().all().ofMaxLength(40).injectNull(0.1);
        Arbitrary<Set<Integer>> ids = Arbitraries.integers().between(1, 12).set().ofMinSize(1).ofMaxSize(6);
        Arbitrary<Membership> memberships = Combinators.combine(ids, ids, Arbitraries.of(true, false), ids.injectNull(0.5))
                .as((first, second, joint, learners) -> {
                    TreeSet<Integer> kept = new TreeSet<>(learners == null ? Set.of() : learners);
                    kept.removeAll(first);
                    if (joint) {
                        kept.removeAll(second);
                        return Membership.joint(first, second, kept);
                    }
                    return Membership.uniform(first, kept);
                });
        return Arbitraries.oneOf(terms.map(Entry::blank), Combinators.combine(terms, data).as(Entry::normal),
                Combinators.combine(terms, memberships).as(Entry::member));
    }

    @Property
    void everyEntryDecodesToItselfAfterEncoding(@ForAll("entries") Entry entry, @ForAll long index)
            throws IOException {
        LogRecord record = new LogRecord.Append(index, entry);

        assertThat(LogRecord.decode(record.encode())).isEqualTo(record);
    }

    @Property
    void aPayloadCutShortNeverDecodes(@ForAll("entries") Entry entry) {
        byte[] payload = new LogRecord.Append(1, entry).encode();
        for (int length = 0; length < payload.length; length++) {
            byte[] cut = Arrays.copyOf(payload, length);
            assertThatThrownBy(() -> LogRecord.decode(cut)).as("%d of %d bytes", length, payload.length)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aTruncationDecodesToItself() throws IOException {
        assertThat(LogRecord.decode(new LogRecord.Truncate(7).encode())).isEqualTo(new LogRecord.Truncate(7));
    }

    @Test
    void aCompactRecordDecodesToItselfAndRefusesABadFlag() throws IOException {
        for (boolean drop : new boolean[] {false, true}) {
            LogRecord record = new LogRecord.Compact(12, 3, drop);
            assertThat(record.encode()).hasSize(1 + 8 + 8 + 1);
            assertThat(LogRecord.decode(record.encode())).isEqualTo(record);
        }
        byte[] payload = new LogRecord.Compact(12, 3, true).encode();
        payload[payload.length - 1] = 2;
        assertThatThrownBy(() -> LogRecord.decode(payload)).hasMessage("drop-above flag 2, not 0 or 1");
    }

    @Property
    void everySnapshotDecodesToItself(@ForAll("entries") Entry entry, @ForAll byte[] data) throws IOException {
        Membership membership = entry.membership() == null ? Membership.of(1) : entry.membership();
        long term = entry.term() & Long.MAX_VALUE;
        Snapshot snapshot = new Snapshot(term % 1000 + 5, term, 3, membership, data);
        assertThat(SnapshotFile.decode(SnapshotFile.encode(snapshot), "snapshot")).isEqualTo(snapshot);
    }

    @Test
    void theEncodingIsCompact() {
        assertThat(new LogRecord.Append(1, Entry.blank(3)).encode()).hasSize(1 + 8 + 1 + 8);
        assertThat(new LogRecord.Append(1, Entry.normal(3, "abc")).encode()).hasSize(1 + 8 + 1 + 8 + 4 + 3);
        assertThat(new LogRecord.Append(1, Entry.member(3, Membership.joint(List.of(1, 2), List.of(2, 3),
                List.of(4)))).encode()).hasSize(1 + 8 + 1 + 8 + 1 + (4 + 8) + (4 + 8) + (4 + 4));
    }

    @Test
    void anUnknownKindOrRecordTypeIsRefused() {
        byte[] payload = new LogRecord.Append(1, Entry.blank(3)).encode();
        payload[9] = 7;
        assertThatThrownBy(() -> LogRecord.decode(payload)).hasMessage("unknown entry kind 7");
        assertThatThrownBy(() -> LogRecord.decode(new byte[] {9})).hasMessage("unknown record type 9");
    }
}
