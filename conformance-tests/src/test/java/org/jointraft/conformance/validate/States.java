package org.jointraft.conformance.validate;

import org.jointraft.core.Role;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceState;

/** Copies of a logged post-state with one thing changed, for building invalid traces. */
final class States {
    private States() { }

    static TraceState term(TraceState s, long term) {
        return new TraceState(term, s.votedFor(), s.role(), s.commitIndex(), s.lastLogIndex(), s.lastLogTerm(),
                s.membership(), s.membershipIndex());
    }

    static TraceState votedFor(TraceState s, int votedFor) {
        return new TraceState(s.term(), votedFor, s.role(), s.commitIndex(), s.lastLogIndex(), s.lastLogTerm(),
                s.membership(), s.membershipIndex());
    }

    static TraceState role(TraceState s, Role role) {
        return new TraceState(s.term(), s.votedFor(), role, s.commitIndex(), s.lastLogIndex(), s.lastLogTerm(),
                s.membership(), s.membershipIndex());
    }

    static TraceState commitIndex(TraceState s, long commitIndex) {
        return new TraceState(s.term(), s.votedFor(), s.role(), commitIndex, s.lastLogIndex(), s.lastLogTerm(),
                s.membership(), s.membershipIndex());
    }

    static TraceState lastLog(TraceState s, long index, long term) {
        return new TraceState(s.term(), s.votedFor(), s.role(), s.commitIndex(), index, term, s.membership(),
                s.membershipIndex());
    }

    static TraceState membership(TraceState s, TraceMembership m, long index) {
        return new TraceState(s.term(), s.votedFor(), s.role(), s.commitIndex(), s.lastLogIndex(), s.lastLogTerm(), m,
                index);
    }
}
