package org.jointraft.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.InstallSnapshot;
import org.jointraft.core.Message.RequestVote;
import org.jointraft.core.Message.RequestVoteResponse;

/**
 * One Raft node with joint-consensus membership: a pure, deterministic state machine. Inputs are method calls
 * ({@link #tick()}, {@link #receive(Message)}, {@link #propose(String)}, {@link #proposeMembership(Membership)},
 * {@link #restart()}, {@link #takeSnapshot(long, byte[])}); each returns a {@link Ready} with what to persist, send
 * and apply. Every atomic step is reported to the {@link StepObserver} in the order of docs/protocol-contract.md,
 * with the post-state.
 * Not thread-safe: one driver calls it.
 */
public final class RaftNode {

    private final NodeConfig config;
    private final int id;
    private final StepObserver observer;
    private final boolean observing;
    private final RaftLog log;

    // durable
    private long currentTerm;
    private int votedFor;

    // volatile
    private Role role = Role.FOLLOWER;
    private long commitIndex;
    private int leaderId;
    private final Set<Integer> votesGranted = new HashSet<>();
    private final Replication replication = new Replication();
    private final Timers timers;

    // the output of the input being handled
    private Output out;

    /** A node that starts fresh: members of the bootstrap membership start with it as committed entry 1. */
    public RaftNode(NodeConfig config, StepObserver observer) {
        this(config, observer, null, config.bootstrap().isMember(config.id())
                ? List.of(Entry.member(0, config.bootstrap())) : List.of(), 0, 0);
        this.commitIndex = log.lastIndex();
    }

    private RaftNode(NodeConfig config, StepObserver observer, Snapshot snapshot, List<Entry> initialLog, long term,
            int votedFor) {
        this.config = Objects.requireNonNull(config, "config");
        this.id = config.id();
        this.observer = Objects.requireNonNull(observer, "observer (use StepObserver.NONE)");
        this.observing = observer != StepObserver.NONE;
        this.timers = new Timers(config);
        this.log = new RaftLog(config.bootstrap(), snapshot, initialLog);
        this.commitIndex = log.snapshotIndex(); // a snapshot holds committed entries only
        this.currentTerm = term;
        this.votedFor = votedFor;
    }

    /** A node rebuilt from what it persisted (a process restart; commit index = snapshot index); reports a Restart. */
    public static RaftNode recover(NodeConfig config, DurableState durable, StepObserver observer) {
        RaftNode node = new RaftNode(config, observer, durable.snapshot(), durable.log(), durable.term(),
                durable.votedFor());
        node.report(new Step.Restart());
        return node;
    }

    // ---------------------------------------------------------------- inputs

    /** One unit of logical time: a follower or candidate may time out, a leader may send heartbeats. */
    public Ready tick() {
        begin();
        if (role == Role.LEADER) {
            if (timers.heartbeatDue()) {
                broadcastAppendEntries();
            }
        } else if (timers.electionDue()) {
            if (mayCampaign()) {
                timeout();
            } else {
                timers.resetElection(); // a learner, or a node whose removal it knows committed
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
        } else if (message instanceof InstallSnapshot m) {
            handleInstallSnapshot(m);
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
            report(new Step.ProposeMembershipRejected(reason, target, cause));
            return new Proposal(end(), 0, 0, reason, leaderId);
        }
        Entry entry = Entry.member(currentTerm, target);
        long index = appendEntry(entry);
        report(new Step.ProposeMembership(index, entry, cause));
        afterAppendAsLeader();
        return new Proposal(end(), index, currentTerm, null, leaderId);
    }

    /**
     * §7: the state machine applied entries up to {@code index} (snapshot index < index <= commit index, else
     * IllegalArgumentException) and saved its state as {@code data}, which replaces the log up to there.
     */
    // Spec: JointRaft.tla TakeSnapshot
    public Ready takeSnapshot(long index, byte[] data) {
        Objects.requireNonNull(data, "snapshot data");
        if (index <= log.snapshotIndex() || index > commitIndex) {
            throw new IllegalArgumentException("node " + id + " cannot take a snapshot at index " + index + ": not in "
                    + (log.snapshotIndex() + 1) + ".." + commitIndex + " (above its snapshot, at most its commit index)");
        }
        begin();
        out.snapshot = log.compact(index, data);
        report(new Step.TakeSnapshot(index));
        return end();
    }

    /** Loses the volatile state (a crash and restart): Follower, commit index = snapshot index; the rest kept. */
    // Spec: JointRaft.tla Restart
    public Ready restart() {
        begin();
        becomeRole(Role.FOLLOWER);
        commitIndex = log.snapshotIndex();
        leaderId = 0;
        votesGranted.clear();
        replication.clear();
        timers.resetHeartbeat();
        timers.resetElection();
        report(new Step.Restart());
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
        timers.resetElection();
        report(new Step.Timeout());
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
            timers.resetElection();
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
        report(new Step.IgnoreRequestVote(m));
    }

    /**
     * Leader stickiness: this node leads, or heard its leader less than a minimum election timeout ago. A higher-term
     * vote request then comes from a node that lost touch (a removed one still campaigning, say): it must not depose.
     */
    public boolean knowsLiveLeader() {
        return role == Role.LEADER
                || role == Role.FOLLOWER && leaderId != 0 && timers.heardRecently();
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
            followLeader(m);
            reply = appendFromLeader(m);
        }
        send(reply);
        if (observing) {
            report(new Step.HandleAppendEntries(m, reply));
        }
    }

    /** A message of the leader of a term at least the current one: adopt the term and follow (§5.1, §5.2). */
    private void followLeader(Message m) {
        if (m.term() > currentTerm) {
            becomeFollower(m.term());
        } else if (role == Role.LEADER) {
            throw new IllegalStateException("node " + id + " is leader of term " + currentTerm + " and got " + m
                    + ": two leaders in one term");
        }
        becomeRole(Role.FOLLOWER);
        leaderId = m.source();
        timers.resetElection();
    }

    /** The log check and append of an AppendEntries of the current term; a prev below the snapshot matches. */
    private AppendEntriesResponse appendFromLeader(AppendEntries m) {
        long prev = m.prevLogIndex();
        if (prev > log.lastIndex() || prev >= log.snapshotIndex() && log.termAt(prev) != m.prevLogTerm()) {
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

    /** The first k whose entry is beyond the log or has another term at prev + k (0: none); skips the snapshot. */
    // Spec: JointRaft.tla FirstConflict
    private int firstConflict(long prev, List<Entry> entries) {
        for (int k = (int) Math.max(1, log.snapshotIndex() - prev + 1); k <= entries.size(); k++) {
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

    /**
     * §7, InstallSnapshot receiver: a stale term is refused; a snapshot at or below the commit index holds nothing new
     * and is not installed; otherwise it replaces the log, whose suffix is kept only if it matches.
     */
    // Spec: JointRaft.tla HandleInstallSnapshot
    private void handleInstallSnapshot(InstallSnapshot m) {
        AppendEntriesResponse reply;
        if (m.term() < currentTerm) {
            reply = new AppendEntriesResponse(currentTerm, id, m.source(), false, 0);
        } else {
            followLeader(m);
            if (m.lastIndex() > commitIndex) {
                out.installed(m.snapshot(), log.installSnapshot(m.snapshot()));
                commitIndex = m.lastIndex();
            }
            reply = new AppendEntriesResponse(currentTerm, id, m.source(), true, m.lastIndex());
        }
        send(reply);
        report(new Step.HandleInstallSnapshot(m, reply));
    }

    // ---------------------------------------------------------------- leader

    /** §5.2: votes from a quorum (of every config, §6) win; §8: the new leader appends a blank entry of its term. */
    // Spec: JointRaft.tla BecomeLeader
    private void becomeLeader() {
        becomeRole(Role.LEADER);
        leaderId = id;
        Entry blank = Entry.blank(currentTerm);
        long index = appendEntry(blank);
        replication.start(log.effective().members(), index);
        report(new Step.BecomeLeader(index, blank));
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

    /** Figure 2, Leaders: a success (to entries or a snapshot) raises matchIndex; a refusal backs off and retries. */
    // Spec: JointRaft.tla HandleAppendEntriesResponse
    private void handleAppendEntriesResponse(AppendEntriesResponse m) {
        int peer = m.source();
        boolean progressed = false;
        boolean retry = false;
        if (m.term() > currentTerm) {
            becomeFollower(m.term());
        } else if (m.term() == currentTerm && role == Role.LEADER) {
            if (m.success()) {
                progressed = replication.succeeded(peer, m.matchIndex(), log);
            } else {
                replication.refused(peer, m.matchIndex(), log);
                retry = true;
            }
        }
        if (observing) {
            report(new Step.HandleAppendEntriesResponse(m, matchIndex(peer)));
        }
        if (progressed) {
            advanceCommitIndex();
        }
        boolean behind = replication.match(peer) < log.lastIndex();
        if (role == Role.LEADER && log.effective().isMember(peer) && (retry || (progressed && behind))) {
            replicateTo(peer);
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
        timers.resetElection();
        report(new Step.StepDown());
    }

    /** The voters whose log reaches {@code n}: others by matchIndex, the leader itself only if it is a voter. */
    // Spec: JointRaft.tla Agree
    private Set<Integer> agree(Membership effective, long n) {
        Set<Integer> replicated = new HashSet<>();
        for (int voter : effective.voters()) {
            if (voter == id || replication.match(voter) >= n) {
                replicated.add(voter);
            }
        }
        return replicated;
    }

    private void broadcastAppendEntries() {
        timers.resetHeartbeat();
        for (int member : log.effective().members()) {
            if (member != id) {
                replicateTo(member);
            }
        }
    }

    /** Entries from nextIndex, or the snapshot when the entry before nextIndex was compacted (§7). */
    private void replicateTo(int peer) {
        if (replication.needsSnapshot(peer, log)) {
            sendInstallSnapshot(peer);
        } else {
            sendAppendEntries(peer);
        }
    }

    /** Figure 2, Leaders: send the entries from nextIndex (none: a heartbeat), at most maxEntriesPerAppend of them. */
    // Spec: JointRaft.tla SendAppendEntries
    private void sendAppendEntries(int peer) {
        AppendEntries request = replication.appendEntries(currentTerm, id, peer, log, commitIndex,
                config.maxEntriesPerAppend());
        send(request);
        if (observing) {
            report(new Step.SendAppendEntries(request));
        }
    }

    /** §7: send the whole snapshot to a follower that needs entries the leader compacted. */
    // Spec: JointRaft.tla SendInstallSnapshot
    private void sendInstallSnapshot(int peer) {
        InstallSnapshot request = InstallSnapshot.of(currentTerm, id, peer, log.snapshot());
        send(request);
        report(new Step.SendInstallSnapshot(request));
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
        timers.resetElection();
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

    private void send(Message message) {
        out.messages.add(message);
    }

    /** To a real observer only; frequent steps (per message or entry) are even built only when observing. */
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
        Ready ready = out.ready(log, currentTerm, votedFor, commitIndex);
        out = null;
        return ready;
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

    /** Term of entry {@code index}, the snapshot's at its index (0 for index 0); IndexOutOfBounds below it. */
    public long termAt(long index) {
        return log.termAt(index);
    }

    /** Entry {@code index}, above the snapshot index. */
    public Entry entry(long index) {
        return log.entryAt(index);
    }

    /** A copy of the log after the snapshot, index {@code snapshotIndex() + 1} first (without one: the whole log). */
    public List<Entry> log() {
        return log.all();
    }

    /** The snapshot this node holds; {@link Snapshot#none} (index 0, bootstrap membership) before the first. */
    public Snapshot snapshot() {
        return log.snapshot();
    }

    /** The index of the last entry the snapshot holds (0: no snapshot). */
    public long snapshotIndex() {
        return log.snapshotIndex();
    }

    /** The membership of the last member entry of the log (committed or not), else the snapshot's membership. */
    public Membership effectiveMembership() {
        return log.effective();
    }

    /** Log index of the effective membership's entry (the snapshot's membership index when none is above it). */
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
        return role == Role.LEADER ? replication.match(peer) : 0;
    }

    /** The state a trace logs: term, vote, role, commit index, last log index/term, effective membership, snapshot. */
    public NodeState state() {
        return new NodeState(currentTerm, votedFor, role, commitIndex, log.lastIndex(), log.lastTerm(),
                log.effective(), log.effectiveIndex(), log.snapshotIndex());
    }

    /** What must survive a restart (a copy); the snapshot is null before the first. */
    public DurableState durableState() {
        return new DurableState(currentTerm, votedFor, log.snapshotIndex() == 0 ? null : log.snapshot(), log.all());
    }

    @Override
    public String toString() {
        return "node " + id + " " + role + " term " + currentTerm + " commit " + commitIndex + " last "
                + log.lastIndex() + " membership " + log.effective() + "@" + log.effectiveIndex();
    }
}
