package org.jointraft.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.RequestVote;
import org.jointraft.core.Message.RequestVoteResponse;

/**
 * One Raft node with joint-consensus membership: a pure, deterministic state machine. Inputs are method calls
 * ({@link #tick()}, {@link #receive(Message)}, {@link #propose(String)}, {@link #proposeMembership(Membership)},
 * {@link #restart()}); each returns a {@link Ready} with what to persist, send and apply. Every atomic step is
 * reported to the {@link StepObserver} in the order of docs/protocol-contract.md, with the post-state.
 * Not thread-safe: one driver calls it.
 */
public final class RaftNode {

    private final NodeConfig config;
    private final int id;
    private final StepObserver observer;
    private final boolean observing;
    private final SplittableRandom random;
    private final RaftLog log;

    // durable
    private long currentTerm;
    private int votedFor;

    // volatile
    private Role role = Role.FOLLOWER;
    private long commitIndex;
    private int leaderId;
    private final Set<Integer> votesGranted = new HashSet<>();
    private final Map<Integer, Long> matchIndex = new HashMap<>();
    private final Map<Integer, Long> nextIndex = new HashMap<>();
    private int electionElapsed;
    private int electionTimeout;
    private int heartbeatElapsed;

    // the output of the input being handled
    private Output out;

    /** A node that starts fresh: members of the bootstrap membership start with it as committed entry 1. */
    public RaftNode(NodeConfig config, StepObserver observer) {
        this(config, observer, config.bootstrap().isMember(config.id())
                ? List.of(Entry.member(0, config.bootstrap())) : List.of(), 0, 0);
        this.commitIndex = log.lastIndex();
    }

    private RaftNode(NodeConfig config, StepObserver observer, List<Entry> initialLog, long term, int votedFor) {
        this.config = Objects.requireNonNull(config, "config");
        this.id = config.id();
        this.observer = Objects.requireNonNull(observer, "observer (use StepObserver.NONE)");
        this.observing = observer != StepObserver.NONE;
        this.random = new SplittableRandom(config.randomSeed());
        this.log = new RaftLog(config.bootstrap(), initialLog);
        this.currentTerm = term;
        this.votedFor = votedFor;
        resetElectionTimer();
    }

    /** A node rebuilt from what it persisted (a process restart); reports a {@link Step.Restart}. */
    public static RaftNode recover(NodeConfig config, DurableState durable, StepObserver observer) {
        RaftNode node = new RaftNode(config, observer, durable.log(), durable.term(), durable.votedFor());
        if (node.observing) {
            node.report(new Step.Restart());
        }
        return node;
    }

    // ---------------------------------------------------------------- inputs

    /** One unit of logical time: a follower or candidate may time out, a leader may send heartbeats. */
    public Ready tick() {
        begin();
        if (role == Role.LEADER) {
            heartbeatElapsed++;
            if (heartbeatElapsed >= config.heartbeatInterval()) {
                broadcastAppendEntries();
            }
        } else {
            electionElapsed++;
            if (electionElapsed >= electionTimeout) {
                if (mayCampaign()) {
                    timeout();
                } else {
                    resetElectionTimer(); // a learner, or a node whose removal it knows committed
                }
            }
        }
        return end();
    }

    /** Handles one message addressed to this node. */
    public Ready receive(Message message) {
        Objects.requireNonNull(message, "message");
        if (message.dest() != id) {
            throw new IllegalArgumentException("node " + id + " received a message for node " + message.dest()
                    + ": " + message);
        }
        begin();
        if (message instanceof RequestVote m && m.term() > currentTerm && knowsLiveLeader()) {
            ignoreRequestVote(m);
        } else if (message instanceof RequestVote m) {
            handleRequestVote(m);
        } else if (message instanceof RequestVoteResponse m) {
            handleRequestVoteResponse(m);
        } else if (message instanceof AppendEntries m) {
            handleAppendEntries(m);
        } else if (message instanceof AppendEntriesResponse m) {
            handleAppendEntriesResponse(m);
        }
        return end();
    }

    /** A client request: a leader appends a normal entry; any other node rejects it with NOT_LEADER. */
    public Proposal propose(String data) {
        begin();
        if (role != Role.LEADER) {
            return new Proposal(end(), 0, 0, RejectReason.NOT_LEADER, leaderId);
        }
        long index = clientRequest(data);
        return new Proposal(end(), index, currentTerm, null, leaderId);
    }

    /**
     * Proposes {@code target} as the next membership (§6 of the Raft paper, with the coherence rule of
     * docs/membership.md instead of a fixed two-phase change). A leader appends it (it takes effect at once) when its effective
     * membership entry is committed, an entry of its own term is committed, and {@code target} is coherent with the
     * effective membership; otherwise the refusal is reported and returned, and nothing changes.
     * ({@link RejectReason#INVALID} never occurs here: an invalid {@link Membership} cannot be constructed.)
     */
    public Proposal proposeMembership(Membership target) {
        return proposeMembership(target, null);
    }

    /** As {@link #proposeMembership(Membership)}, made by a membership call's step {@code cause} (null: no call). */
    // Spec: JointRaft.tla ProposeMembership
    public Proposal proposeMembership(Membership target, CallStep cause) {
        Objects.requireNonNull(target, "target membership");
        begin();
        RejectReason reason = null;
        if (role != Role.LEADER) {
            reason = RejectReason.NOT_LEADER;
        } else if (!membershipChangeAllowed()) {
            reason = RejectReason.IN_PROGRESS;
        } else if (!target.isCoherentWith(log.effective())) {
            reason = RejectReason.INCOHERENT;
        }
        if (reason != null) {
            if (observing) {
                report(new Step.ProposeMembershipRejected(reason, target, cause));
            }
            return new Proposal(end(), 0, 0, reason, leaderId);
        }
        Entry entry = Entry.member(currentTerm, target);
        long index = appendEntry(entry);
        if (observing) {
            report(new Step.ProposeMembership(index, entry, cause));
        }
        afterAppendAsLeader();
        return new Proposal(end(), index, currentTerm, null, leaderId);
    }

    /** Loses the volatile state (a crash and restart): Follower, commit index 0; term, vote and log kept. */
    // Spec: JointRaft.tla Restart
    public Ready restart() {
        begin();
        becomeRole(Role.FOLLOWER);
        commitIndex = 0;
        leaderId = 0;
        votesGranted.clear();
        matchIndex.clear();
        nextIndex.clear();
        heartbeatElapsed = 0;
        resetElectionTimer();
        if (observing) {
            report(new Step.Restart());
        }
        return end();
    }

    // ---------------------------------------------------------------- follower and candidate

    /**
     * A voter of its committed membership or of any membership appended after its commit index may campaign. A
     * voter of its effective membership only would leave the cluster without a leader when a leader appended an
     * entry removing itself and lost its term before committing it: its log is the longest, so it refuses the
     * others' votes, and only it could finish the change (docs/membership.md, "Who may campaign").
     */
    // Spec: JointRaft.tla MayCampaign
    private boolean mayCampaign() {
        return log.voterSince(commitIndex, id);
    }

    /** Figure 2, Rules for Servers, Followers/Candidates: no heartbeat within the timeout, so campaign. */
    // Spec: JointRaft.tla Timeout
    private void timeout() {
        currentTerm++;
        votedFor = id;
        leaderId = 0;
        becomeRole(Role.CANDIDATE);
        votesGranted.clear();
        votesGranted.add(id);
        resetElectionTimer();
        if (observing) {
            report(new Step.Timeout());
        }
        if (log.effective().isQuorum(votesGranted)) {
            becomeLeader();
            return;
        }
        for (int voter : log.effective().voters()) {
            if (voter != id) {
                sendRequestVote(voter);
            }
        }
    }

    /** Figure 2, Candidates: send RequestVote RPCs to all other servers (here: the effective membership's voters). */
    // Spec: JointRaft.tla SendRequestVote
    private void sendRequestVote(int voter) {
        RequestVote request = new RequestVote(currentTerm, id, voter, log.lastIndex(), log.lastTerm());
        send(request);
        if (observing) {
            report(new Step.SendRequestVote(request));
        }
    }

    /** Figure 2, RequestVote RPC, receiver implementation: one vote per term, for an up-to-date log only. */
    // Spec: JointRaft.tla HandleRequestVote
    private void handleRequestVote(RequestVote m) {
        if (m.term() > currentTerm) {
            becomeFollower(m.term());
        }
        boolean upToDate = upToDate(m.lastLogTerm(), m.lastLogIndex());
        boolean grant = m.term() == currentTerm && upToDate && (votedFor == 0 || votedFor == m.source());
        if (grant) {
            votedFor = m.source();
            resetElectionTimer();
        }
        RequestVoteResponse reply = new RequestVoteResponse(currentTerm, id, m.source(), grant);
        send(reply);
        if (observing) {
            report(new Step.HandleRequestVote(m, reply));
        }
    }

    /** A higher-term vote request while a leader is live is dropped unanswered, as a lossy network may drop it. */
    // Spec: JointRaft.tla IgnoreRequestVote
    private void ignoreRequestVote(RequestVote m) {
        if (observing) {
            report(new Step.IgnoreRequestVote(m));
        }
    }

    /**
     * Leader stickiness: this node leads, or heard its leader less than a minimum election timeout ago. A higher-term
     * vote request then comes from a node that lost touch (a removed one still campaigning, say): it must not depose.
     */
    public boolean knowsLiveLeader() {
        return role == Role.LEADER
                || role == Role.FOLLOWER && leaderId != 0 && electionElapsed < config.electionTimeoutMin();
    }

    /** Figure 2, Rules for Servers: a higher term makes a node follower (§5.1); a candidate counts its votes (§5.2). */
    // Spec: JointRaft.tla HandleRequestVoteResponse
    private void handleRequestVoteResponse(RequestVoteResponse m) {
        if (m.term() > currentTerm) {
            becomeFollower(m.term());
        } else if (m.term() == currentTerm && role == Role.CANDIDATE && m.granted()) {
            votesGranted.add(m.source());
        }
        if (observing) {
            report(new Step.HandleRequestVoteResponse(m));
        }
        if (role == Role.CANDIDATE && log.effective().isQuorum(votesGranted)) {
            becomeLeader();
        }
    }

    /** Figure 2, AppendEntries RPC, receiver implementation; §5.2: a candidate that hears a leader of its term follows. */
    // Spec: JointRaft.tla HandleAppendEntries
    private void handleAppendEntries(AppendEntries m) {
        AppendEntriesResponse reply;
        if (m.term() < currentTerm) {
            reply = new AppendEntriesResponse(currentTerm, id, m.source(), false, 0);
        } else {
            if (m.term() > currentTerm) {
                becomeFollower(m.term());
            } else if (role == Role.LEADER) {
                throw new IllegalStateException("node " + id + " is leader of term " + currentTerm
                        + " and got AppendEntries of the same term from node " + m.source()
                        + ": two leaders in one term");
            }
            becomeRole(Role.FOLLOWER);
            leaderId = m.source();
            resetElectionTimer();
            reply = appendFromLeader(m);
        }
        send(reply);
        if (observing) {
            report(new Step.HandleAppendEntries(m, reply));
        }
    }

    /** The log check and append of an AppendEntries of the current term. */
    private AppendEntriesResponse appendFromLeader(AppendEntries m) {
        long prev = m.prevLogIndex();
        if (prev > log.lastIndex() || log.termAt(prev) != m.prevLogTerm()) {
            return new AppendEntriesResponse(currentTerm, id, m.source(), false, log.lastIndex());
        }
        List<Entry> entries = m.entries();
        mergeEntries(prev, entries);
        long last = prev + entries.size();
        commitIndex = Math.max(commitIndex, Math.min(m.commitIndex(), last));
        return new AppendEntriesResponse(currentTerm, id, m.source(), true, last);
    }

    /**
     * Figure 2, AppendEntries receiver steps 3 and 4: truncate only at the first conflicting entry, then append the
     * entries not already in the log; matching entries are never dropped (a stale request must not undo a newer one).
     */
    // Spec: JointRaft.tla MergeEntries
    private void mergeEntries(long prev, List<Entry> entries) {
        int k = firstConflict(prev, entries);
        if (k == 0) {
            return;
        }
        long index = prev + k;
        if (index <= log.lastIndex()) {
            log.truncateFrom(index);
        }
        out.logChangedAt(index);
        for (int rest = k - 1; rest < entries.size(); rest++) {
            log.append(entries.get(rest));
        }
    }

    /** The first k in 1..entries.size() whose entry is beyond the log or has another term at prev + k; 0 if none. */
    // Spec: JointRaft.tla FirstConflict
    private int firstConflict(long prev, List<Entry> entries) {
        for (int k = 1; k <= entries.size(); k++) {
            long index = prev + k;
            if (index > log.lastIndex() || log.termAt(index) != entries.get(k - 1).term()) {
                return k;
            }
        }
        return 0;
    }

    /** §5.4.1, the election restriction: the candidate's last term is higher, or equal with a log at least as long. */
    // Spec: JointRaft.tla UpToDate
    private boolean upToDate(long lastLogTerm, long lastLogIndex) {
        return lastLogTerm > log.lastTerm() || (lastLogTerm == log.lastTerm() && lastLogIndex >= log.lastIndex());
    }

    // ---------------------------------------------------------------- leader

    /** §5.2: votes from a quorum (of every config, §6) win; §8: the new leader appends a blank entry of its term. */
    // Spec: JointRaft.tla BecomeLeader
    private void becomeLeader() {
        becomeRole(Role.LEADER);
        leaderId = id;
        matchIndex.clear();
        nextIndex.clear();
        Entry blank = Entry.blank(currentTerm);
        long index = appendEntry(blank);
        for (int member : log.effective().members()) {
            nextIndex.put(member, index);
        }
        if (observing) {
            report(new Step.BecomeLeader(index, blank));
        }
        afterAppendAsLeader();
    }

    /** Figure 2, Leaders: append a client command to the log; any other node refuses it (see {@link #propose}). */
    // Spec: JointRaft.tla ClientRequest
    private long clientRequest(String data) {
        Entry entry = Entry.normal(currentTerm, data);
        long index = appendEntry(entry);
        if (observing) {
            report(new Step.ClientRequest(index, entry));
        }
        afterAppendAsLeader();
        return index;
    }

    /** After a leader appended: commit at once if it alone is a quorum, then replicate. */
    private void afterAppendAsLeader() {
        advanceCommitIndex();
        if (role == Role.LEADER) {
            broadcastAppendEntries();
        }
    }

    /** Figure 2, Leaders: a success raises matchIndex and nextIndex; a refusal moves nextIndex back and retries. */
    // Spec: JointRaft.tla HandleAppendEntriesResponse
    private void handleAppendEntriesResponse(AppendEntriesResponse m) {
        int peer = m.source();
        boolean progressed = false;
        boolean retry = false;
        if (m.term() > currentTerm) {
            becomeFollower(m.term());
        } else if (m.term() == currentTerm && role == Role.LEADER) {
            if (m.success()) {
                long old = matchIndex.getOrDefault(peer, 0L);
                if (m.matchIndex() > old) {
                    matchIndex.put(peer, m.matchIndex());
                    progressed = true;
                }
                nextIndex.put(peer, Math.max(nextIndexOf(peer), m.matchIndex() + 1));
            } else {
                nextIndex.put(peer, Math.max(1, Math.min(nextIndexOf(peer) - 1, m.matchIndex() + 1)));
                retry = true;
            }
        }
        if (observing) {
            report(new Step.HandleAppendEntriesResponse(m, role == Role.LEADER ? matchIndex.getOrDefault(peer, 0L) : 0));
        }
        if (progressed) {
            advanceCommitIndex();
        }
        boolean behind = matchIndex.getOrDefault(peer, 0L) < log.lastIndex();
        if (role == Role.LEADER && log.effective().isMember(peer) && (retry || (progressed && behind))) {
            sendAppendEntries(peer);
        }
    }

    /**
     * Figure 2, Leaders, last rule, and §5.4.2: commit the largest index of the current term a quorum (of every config)
     * holds; then step down at once if no longer a voter of the committed membership.
     */
    // Spec: JointRaft.tla AdvanceCommitIndex
    private void advanceCommitIndex() {
        Membership effective = log.effective();
        long newCommit = commitIndex;
        for (long n = log.lastIndex(); n > commitIndex && log.termAt(n) == currentTerm; n--) {
            if (effective.isQuorum(agree(effective, n))) {
                newCommit = n;
                break;
            }
        }
        if (newCommit == commitIndex) {
            return;
        }
        commitIndex = newCommit;
        if (observing) {
            report(new Step.AdvanceCommitIndex(commitIndex));
        }
        if (!committedMembership().isVoter(id)) {
            stepDown();
        }
    }

    /** §6: a leader that is no voter of its committed membership steps down (once the change that removed it commits). */
    // Spec: JointRaft.tla StepDown
    private void stepDown() {
        becomeRole(Role.FOLLOWER);
        leaderId = 0;
        resetElectionTimer();
        if (observing) {
            report(new Step.StepDown());
        }
    }

    /** The voters whose log reaches {@code n}: others by matchIndex, the leader itself only if it is a voter. */
    // Spec: JointRaft.tla Agree
    private Set<Integer> agree(Membership effective, long n) {
        Set<Integer> replicated = new HashSet<>();
        for (int voter : effective.voters()) {
            if (voter == id || matchIndex.getOrDefault(voter, 0L) >= n) {
                replicated.add(voter);
            }
        }
        return replicated;
    }

    private void broadcastAppendEntries() {
        heartbeatElapsed = 0;
        for (int member : log.effective().members()) {
            if (member != id) {
                sendAppendEntries(member);
            }
        }
    }

    /** Figure 2, Leaders: send the entries from nextIndex (none: a heartbeat), at most maxEntriesPerAppend of them. */
    // Spec: JointRaft.tla SendAppendEntries
    private void sendAppendEntries(int peer) {
        long next = Math.min(nextIndexOf(peer), log.lastIndex() + 1);
        long prev = next - 1;
        long last = Math.min(log.lastIndex(), prev + config.maxEntriesPerAppend());
        AppendEntries request = new AppendEntries(currentTerm, id, peer, prev, log.termAt(prev),
                log.slice(prev + 1, last), commitIndex);
        send(request);
        if (observing) {
            report(new Step.SendAppendEntries(request));
        }
    }

    private long nextIndexOf(int peer) {
        return nextIndex.getOrDefault(peer, log.lastIndex() + 1);
    }

    /** Propose after commit: the effective membership entry and an entry of the leader's own term are committed. */
    private boolean membershipChangeAllowed() {
        return log.effectiveIndex() <= commitIndex && ownTermCommitted();
    }

    /** The entry at the commit index is of the current term (what a blank entry of a new leader achieves, §8). */
    // Spec: JointRaft.tla OwnTermCommitted
    private boolean ownTermCommitted() {
        return commitIndex > 0 && log.termAt(commitIndex) == currentTerm;
    }

    // ---------------------------------------------------------------- shared helpers

    private void becomeFollower(long term) {
        currentTerm = term;
        votedFor = 0;
        leaderId = 0;
        becomeRole(Role.FOLLOWER);
        resetElectionTimer();
    }

    private void becomeRole(Role next) {
        if (role != next) {
            role = next;
            out.roles.add(next);
        }
    }

    private long appendEntry(Entry entry) {
        long index = log.append(entry);
        out.logChangedAt(index);
        return index;
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        electionTimeout = config.electionTimeoutMin()
                + random.nextInt(config.electionTimeoutMax() - config.electionTimeoutMin() + 1);
    }

    private void send(Message message) {
        out.messages.add(message);
    }

    private void report(Step step) {
        if (observing) {
            observer.onStep(id, step, state());
        }
    }

    private void begin() {
        if (out != null) {
            throw new IllegalStateException("node " + id + " was re-entered while handling an input");
        }
        out = new Output(currentTerm, votedFor, commitIndex);
    }

    private Ready end() {
        Output o = out;
        out = null;
        long persistFrom = o.logChangedFrom == Long.MAX_VALUE ? 0 : o.logChangedFrom;
        List<Entry> persist = persistFrom == 0 ? List.of() : log.slice(persistFrom, log.lastIndex());
        long firstCommitted = commitIndex > o.commitIndex ? o.commitIndex + 1 : 0;
        List<Entry> committed = firstCommitted == 0 ? List.of() : log.slice(firstCommitted, commitIndex);
        boolean hard = currentTerm != o.term || votedFor != o.votedFor;
        return new Ready(o.messages, hard, currentTerm, votedFor, persistFrom, persist, firstCommitted, committed,
                o.roles);
    }

    /** Accumulates the output of one input. */
    private static final class Output {
        final long term;
        final int votedFor;
        final long commitIndex;
        final List<Message> messages = new ArrayList<>();
        final List<Role> roles = new ArrayList<>();
        long logChangedFrom = Long.MAX_VALUE;

        Output(long term, int votedFor, long commitIndex) {
            this.term = term;
            this.votedFor = votedFor;
            this.commitIndex = commitIndex;
        }

        void logChangedAt(long index) {
            logChangedFrom = Math.min(logChangedFrom, index);
        }
    }

    public int id() {
        return id;
    }

    public NodeConfig config() {
        return config;
    }

    public StepObserver observer() {
        return observer;
    }

    public Role role() {
        return role;
    }

    public long currentTerm() {
        return currentTerm;
    }

    public int votedFor() {
        return votedFor;
    }

    public long commitIndex() {
        return commitIndex;
    }

    /** The leader this node knows of in its current term (itself when leader), 0 if none. */
    public int leaderHint() {
        return leaderId;
    }

    public long lastLogIndex() {
        return log.lastIndex();
    }

    public long lastLogTerm() {
        return log.lastTerm();
    }

    /** Term of entry {@code index} (0 for index 0). */
    public long termAt(long index) {
        return log.termAt(index);
    }

    public Entry entry(long index) {
        return log.entryAt(index);
    }

    /** A copy of the whole log, index 1 first. */
    public List<Entry> log() {
        return log.all();
    }

    /** The membership of the last member entry of the log (committed or not), or the bootstrap membership. */
    public Membership effectiveMembership() {
        return log.effective();
    }

    /** Log index of the effective membership's entry; 0 for the bootstrap membership of an empty log. */
    public long effectiveMembershipIndex() {
        return log.effectiveIndex();
    }

    /** The last membership at or below the commit index. */
    public Membership committedMembership() {
        return log.membershipAt(committedMembershipIndex());
    }

    // Spec: JointRaft.tla CommittedMembershipIndex
    public long committedMembershipIndex() {
        return log.lastMemberAtOrBelow(commitIndex);
    }

    /** The leader's matchIndex of {@code peer} (0 when unknown or not leader). */
    public long matchIndex(int peer) {
        return role == Role.LEADER ? matchIndex.getOrDefault(peer, 0L) : 0;
    }

    /** The state a trace logs: term, vote, role, commit index, last log index/term, effective membership. */
    public NodeState state() {
        return new NodeState(currentTerm, votedFor, role, commitIndex, log.lastIndex(), log.lastTerm(),
                log.effective(), log.effectiveIndex());
    }

    /** What must survive a restart (a copy). */
    public DurableState durableState() {
        return new DurableState(currentTerm, votedFor, log.all());
    }

    @Override
    public String toString() {
        return "node " + id + " " + role + " term " + currentTerm + " commit " + commitIndex + " last "
                + log.lastIndex() + " membership " + log.effective() + "@" + log.effectiveIndex();
    }
}
