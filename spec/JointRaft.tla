----------------------------- MODULE JointRaft -----------------------------
(***************************************************************************)
(* JointRaft: Raft with joint-consensus membership change, as fixed by     *)
(* docs/protocol-contract.md.  Memberships are used at once (the effective *)
(* membership is the last membership entry of a node's own log, so it      *)
(* reverts when a conflicting suffix is truncated), any coherent           *)
(* transition may be proposed, and a leader proposes only when its         *)
(* effective entry and an entry of its own term are committed.             *)
(*                                                                         *)
(* Every action A(params) has a guard record AGuards(params) of named      *)
(* booleans; A requires AllTrue(AGuards(params)) and its effect is         *)
(* deterministic given its parameters, so a trace validator can name the   *)
(* guard that refused an event.  Nothing here is model-checking specific:  *)
(* bounds live in MCJointRaft.tla.  Each action (and each helper with a    *)
(* Java twin) names the method that implements it in an "Impl:" line; the  *)
(* action, its trace event and the method share one name.                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Server,     \* the node ids, small positive ints
    Bootstrap   \* the bootstrap membership [configs |-> <<...>>, learners |-> {...}]

VARIABLES
    currentTerm,   \* durable
    votedFor,      \* durable; 0 = none
    log,           \* durable; 1-based sequence of entries
    role,          \* volatile
    commitIndex,   \* volatile
    votesGranted,  \* volatile; candidate's granted votes
    matchIndex,    \* volatile; matchIndex[i][j]: leader i's knowledge of j's log
    messages,      \* the network: a bag, [message -> number of copies >= 1]
    snapshot       \* durable; [index, term, memIndex, mem]: entries 1..index are
                   \* compacted.  log[i] keeps them as a ghost that no action reads,
                   \* so the invariants still judge what each state machine holds.

vars == <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, messages, snapshot>>

Follower  == "Follower"
Candidate == "Candidate"
Leader    == "Leader"

Max(a, b) == IF a >= b THEN a ELSE b
Min(a, b) == IF a <= b THEN a ELSE b

\* True iff every field of a guard record is TRUE.
AllTrue(guards) == \A f \in DOMAIN guards : guards[f]

-----------------------------------------------------------------------------
(* Memberships *)

NoMembership == [configs |-> <<>>, learners |-> {}]

Voters(M) == UNION {M.configs[c] : c \in DOMAIN M.configs}

Members(M) == Voters(M) \cup M.learners

\* Q holds a strict majority of every config of M.
IsQuorum(Q, M) == \A c \in DOMAIN M.configs :
                      2 * Cardinality(Q \cap M.configs[c]) > Cardinality(M.configs[c])

\* new shares at least one identical voter set with old.
Coherent(new, old) == \E a \in DOMAIN new.configs, b \in DOMAIN old.configs :
                          new.configs[a] = old.configs[b]

ValidMembership(M) ==
    /\ Len(M.configs) \in {1, 2}
    /\ \A c \in DOMAIN M.configs : M.configs[c] /= {} /\ M.configs[c] \subseteq Server
    /\ M.learners \subseteq Server
    /\ M.learners \cap Voters(M) = {}

-----------------------------------------------------------------------------
(* Logs *)

BlankEntry(t)     == [term |-> t, kind |-> "blank",  mem |-> NoMembership]
NormalEntry(t)    == [term |-> t, kind |-> "normal", mem |-> NoMembership]
MemberEntry(t, M) == [term |-> t, kind |-> "member", mem |-> M]

BootstrapEntry == MemberEntry(0, Bootstrap)

\* No snapshot yet: nothing compacted, the bootstrap membership.
NoSnapshot == [index |-> 0, term |-> 0, memIndex |-> 0, mem |-> Bootstrap]

\* Index of the last member entry of lg in floor+1..k (0 if none).  A
\* backwards scan that stops at the first member entry it meets: trace
\* validation evaluates this on long logs once per event.
RECURSIVE ScanMembers(_, _, _)
ScanMembers(lg, k, floor) ==
    IF k <= floor THEN 0
    ELSE IF lg[k].kind = "member" THEN k
    ELSE ScanMembers(lg, k - 1, floor)

\* Node i's view, for k at or above its snapshot index: the live log, else
\* the snapshot.  These are the only readers of a node's log below the top.
\* Impl: RaftLog.lastMemberAtOrBelow
LastMemberAtOrBelow(i, k) ==
    LET j == ScanMembers(log[i], k, snapshot[i].index)
    IN  IF j > 0 THEN j ELSE snapshot[i].memIndex

\* The membership of member entry j of node i (0: bootstrap).
\* Impl: RaftLog.membershipAt
MembershipAt(i, j) ==
    IF j = snapshot[i].memIndex THEN snapshot[i].mem
    ELSE IF j = 0 THEN Bootstrap ELSE log[i][j].mem

\* Term of entry k of node i, k at or above its snapshot index (0 for 0).
\* Impl: RaftLog.termAt
TermAt(i, k) ==
    IF k = snapshot[i].index THEN snapshot[i].term
    ELSE IF k = 0 THEN 0 ELSE log[i][k].term

LastTerm(i) == TermAt(i, Len(log[i]))

\* Use at once: the last member entry of the log, committed or not.
EffectiveIndex(i)      == LastMemberAtOrBelow(i, Len(log[i]))
EffectiveMembership(i) == MembershipAt(i, EffectiveIndex(i))

\* The last member entry at or below the commit index.
\* Impl: RaftNode.committedMembershipIndex
CommittedMembershipIndex(i) == LastMemberAtOrBelow(i, commitIndex[i])
CommittedMembership(i)      == MembershipAt(i, CommittedMembershipIndex(i))

\* The candidate's log (lastTerm, lastIndex) is at least as up to date as i's.
\* Impl: RaftNode.upToDate
UpToDate(lastTerm, lastIndex, i) ==
    \/ lastTerm > LastTerm(i)
    \/ lastTerm = LastTerm(i) /\ lastIndex >= Len(log[i])

\* First k in from..Len(ents) whose entry conflicts with lg at prev + k
\* (beyond lg, or another term); 0 if none.
\* Impl: RaftNode.firstConflict
RECURSIVE FirstConflict(_, _, _, _)
FirstConflict(lg, prev, ents, k) ==
    IF k > Len(ents) THEN 0
    ELSE IF prev + k > Len(lg) \/ lg[prev + k].term /= ents[k].term THEN k
    ELSE FirstConflict(lg, prev, ents, k + 1)

\* Truncate only on conflict; never drop matching entries.  Entries at or
\* below i's snapshot are committed, so they are skipped, not compared.
\* Impl: RaftNode.mergeEntries
MergeEntries(i, prev, ents) ==
    LET skip == Min(Len(ents), Max(0, snapshot[i].index - prev))
        p    == prev + skip
        rest == SubSeq(ents, skip + 1, Len(ents))
        k    == FirstConflict(log[i], p, rest, 1)
    IN  IF k = 0 THEN log[i]
        ELSE SubSeq(log[i], 1, p + k - 1) \o SubSeq(rest, k, Len(rest))

\* The state of node i as a trace event reports it.
ObservedState(i) ==
    [term        |-> currentTerm[i],
     votedFor    |-> votedFor[i],
     role        |-> role[i],
     commitIndex |-> commitIndex[i],
     lastLogIndex |-> Len(log[i]),
     lastLogTerm |-> LastTerm(i),
     membership  |-> [configs |-> EffectiveMembership(i).configs,
                      learners |-> EffectiveMembership(i).learners,
                      index |-> EffectiveIndex(i)],
     snapshotIndex |-> snapshot[i].index]

-----------------------------------------------------------------------------
(* Messages: a bag *)

InFlight(m) == m \in DOMAIN messages

Send(m, bag) == IF m \in DOMAIN bag THEN [bag EXCEPT ![m] = @ + 1]
                ELSE [x \in DOMAIN bag \cup {m} |-> IF x = m THEN 1 ELSE bag[x]]

Discard(m, bag) == IF bag[m] > 1 THEN [bag EXCEPT ![m] = @ - 1]
                   ELSE [x \in DOMAIN bag \ {m} |-> bag[x]]

\* Take m out and put reply in, as one step.
Reply(reply, m) == messages' = Send(reply, Discard(m, messages))

\* The fields every message has; the guards of handlers read only these.
IsMessageTo(m, i, type) == m.type = type /\ m.dest = i

-----------------------------------------------------------------------------
(* Initial state *)

Init ==
    /\ currentTerm  = [i \in Server |-> 0]
    /\ votedFor     = [i \in Server |-> 0]
    /\ log          = [i \in Server |-> IF i \in Members(Bootstrap) THEN <<BootstrapEntry>> ELSE <<>>]
    /\ role         = [i \in Server |-> Follower]
    /\ commitIndex  = [i \in Server |-> IF i \in Members(Bootstrap) THEN 1 ELSE 0]
    /\ votesGranted = [i \in Server |-> {}]
    /\ matchIndex   = [i \in Server |-> [j \in Server |-> 0]]
    /\ messages     = [m \in {} |-> 0]
    /\ snapshot     = [i \in Server |-> NoSnapshot]

-----------------------------------------------------------------------------
(* Elections *)

\* Whether s is a voter of the membership of the last member entry at or below k,
\* or of any earlier member entry down to member entry (or 0) stop.
\* The snapshot's membership ends the scan.
\* Impl: RaftLog.voterSince
RECURSIVE VoterSince(_, _, _, _)
VoterSince(s, i, k, stop) ==
    LET j == LastMemberAtOrBelow(i, k)
    IN  \/ s \in Voters(MembershipAt(i, j))
        \/ j > stop /\ j > snapshot[i].index /\ VoterSince(s, i, j - 1, stop)

\* A voter of its committed membership, or of any membership appended after its
\* commit index, may campaign.  Not only a voter of the effective one: a leader
\* that appended an entry removing itself and then lost its term holds the
\* longest log, so the others need its vote, and only it can finish the change.
\* A learner, or a node whose removal it knows committed, never campaigns.
\* Impl: RaftNode.mayCampaign
MayCampaign(i) == VoterSince(i, i, Len(log[i]), CommittedMembershipIndex(i))

TimeoutGuards(i) ==
    [notLeader   |-> role[i] \in {Follower, Candidate},
     mayCampaign |-> MayCampaign(i)]

\* A node that may campaign starts a new term and votes for itself.
\* Impl: RaftNode.timeout
Timeout(i) ==
    /\ AllTrue(TimeoutGuards(i))
    /\ currentTerm'  = [currentTerm EXCEPT ![i] = @ + 1]
    /\ votedFor'     = [votedFor EXCEPT ![i] = i]
    /\ role'         = [role EXCEPT ![i] = Candidate]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {i}]
    /\ UNCHANGED <<log, commitIndex, matchIndex, messages, snapshot>>

SendRequestVoteGuards(i, j) ==
    [isCandidate |-> role[i] = Candidate,
     otherNode   |-> j \in Server \ {i}]

\* A candidate asks another node for its vote.
\* Impl: RaftNode.sendRequestVote
SendRequestVote(i, j) ==
    /\ AllTrue(SendRequestVoteGuards(i, j))
    /\ messages' = Send([type |-> "RequestVote", term |-> currentTerm[i],
                         source |-> i, dest |-> j,
                         lastLogIndex |-> Len(log[i]), lastLogTerm |-> LastTerm(i)],
                        messages)
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, snapshot>>

HandleRequestVoteGuards(i, m) ==
    [inFlight      |-> InFlight(m),
     isRequestVote |-> IsMessageTo(m, i, "RequestVote")]

\* A higher term makes i a Follower with no vote first; grant iff same term,
\* the candidate's log is at least as up to date, and i has not voted for another.
\* Impl: RaftNode.handleRequestVote
HandleRequestVote(i, m) ==
    LET newer == m.term > currentTerm[i]
        term  == Max(currentTerm[i], m.term)
        vote  == IF newer THEN 0 ELSE votedFor[i]
        grant == /\ m.term = term
                 /\ UpToDate(m.lastLogTerm, m.lastLogIndex, i)
                 /\ vote \in {0, m.source}
    IN
    /\ AllTrue(HandleRequestVoteGuards(i, m))
    /\ currentTerm' = [currentTerm EXCEPT ![i] = term]
    /\ votedFor'    = [votedFor EXCEPT ![i] = IF grant THEN m.source ELSE vote]
    /\ role'        = [role EXCEPT ![i] = IF newer THEN Follower ELSE @]
    /\ Reply([type |-> "RequestVoteResponse", term |-> term,
              source |-> i, dest |-> m.source, granted |-> grant], m)
    /\ UNCHANGED <<log, commitIndex, votesGranted, matchIndex, snapshot>>

IgnoreRequestVoteGuards(i, m) ==
    [inFlight      |-> InFlight(m),
     isRequestVote |-> IsMessageTo(m, i, "RequestVote"),
     newerTerm     |-> m.term > currentTerm[i],
     notCandidate  |-> role[i] \in {Follower, Leader}]

\* Leader stickiness: a leader, or a follower that heard its leader less than a
\* minimum election timeout ago, drops a vote request of a higher term without
\* adopting the term or answering, so a removed node that still campaigns
\* cannot depose a working leader. The spec has no clock: any follower may;
\* the step is a message loss, so it cannot break safety.
\* Impl: RaftNode.ignoreRequestVote
IgnoreRequestVote(i, m) ==
    /\ AllTrue(IgnoreRequestVoteGuards(i, m))
    /\ messages' = Discard(m, messages)
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, snapshot>>

HandleRequestVoteResponseGuards(i, m) ==
    [inFlight              |-> InFlight(m),
     isRequestVoteResponse |-> IsMessageTo(m, i, "RequestVoteResponse")]

\* Higher term: Follower with no vote; a granted vote of this term counts
\* for a Candidate; anything else is just consumed.
\* Impl: RaftNode.handleRequestVoteResponse
HandleRequestVoteResponse(i, m) ==
    /\ AllTrue(HandleRequestVoteResponseGuards(i, m))
    /\ IF m.term > currentTerm[i]
       THEN /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
            /\ votedFor'    = [votedFor EXCEPT ![i] = 0]
            /\ role'        = [role EXCEPT ![i] = Follower]
            /\ UNCHANGED votesGranted
       ELSE /\ votesGranted' = IF m.term = currentTerm[i] /\ role[i] = Candidate /\ m.granted
                               THEN [votesGranted EXCEPT ![i] = @ \cup {m.source}]
                               ELSE votesGranted
            /\ UNCHANGED <<currentTerm, votedFor, role>>
    /\ messages' = Discard(m, messages)
    /\ UNCHANGED <<log, commitIndex, matchIndex, snapshot>>

BecomeLeaderGuards(i) ==
    [isCandidate   |-> role[i] = Candidate,
     quorumOfVotes |-> IsQuorum(votesGranted[i], EffectiveMembership(i))]

\* Votes from a quorum of every config of the effective membership win;
\* the new leader appends its blank entry in the same step.
\* Impl: RaftNode.becomeLeader
BecomeLeader(i) ==
    /\ AllTrue(BecomeLeaderGuards(i))
    /\ role'       = [role EXCEPT ![i] = Leader]
    /\ log'        = [log EXCEPT ![i] = Append(@, BlankEntry(currentTerm[i]))]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ UNCHANGED <<currentTerm, votedFor, commitIndex, votesGranted, messages, snapshot>>

-----------------------------------------------------------------------------
(* Log growth *)

ClientRequestGuards(i) == [isLeader |-> role[i] = Leader]

\* A leader appends a client entry.
\* Impl: RaftNode.clientRequest
ClientRequest(i) ==
    /\ AllTrue(ClientRequestGuards(i))
    /\ log' = [log EXCEPT ![i] = Append(@, NormalEntry(currentTerm[i]))]
    /\ UNCHANGED <<currentTerm, votedFor, role, commitIndex, votesGranted, matchIndex, messages, snapshot>>

\* The term of the entry at the commit index is the leader's own term.
\* Impl: RaftNode.ownTermCommitted
OwnTermCommitted(i) ==
    /\ commitIndex[i] > 0
    /\ IF commitIndex[i] <= Len(log[i])
       THEN TermAt(i, commitIndex[i]) = currentTerm[i]
       ELSE FALSE

ProposeMembershipGuards(i, M) ==
    [isLeader           |-> role[i] = Leader,
     effectiveCommitted |-> EffectiveIndex(i) <= commitIndex[i],
     ownTermCommitted   |-> OwnTermCommitted(i),
     valid              |-> ValidMembership(M),
     coherent           |-> Coherent(M, EffectiveMembership(i))]

\* Propose after commit: the effective entry and an own-term entry are
\* committed; any valid target coherent with the effective membership is
\* appended and takes effect at once.
\* Impl: RaftNode.proposeMembership
ProposeMembership(i, M) ==
    /\ AllTrue(ProposeMembershipGuards(i, M))
    /\ log' = [log EXCEPT ![i] = Append(@, MemberEntry(currentTerm[i], M))]
    /\ UNCHANGED <<currentTerm, votedFor, role, commitIndex, votesGranted, matchIndex, messages, snapshot>>

-----------------------------------------------------------------------------
(* Replication *)

SendAppendEntriesGuards(i, j, prev, last) ==
    [isLeader  |-> role[i] = Leader,
     otherNode |-> j \in Server \ {i},
     sliceOfLog |-> snapshot[i].index <= prev /\ prev <= last /\ last <= Len(log[i])]

\* A leader sends any slice log[prev+1..last] of its log above its snapshot
\* (nextIndex is an implementation detail), with the term at prev and its
\* commit index.
\* Impl: RaftNode.sendAppendEntries
SendAppendEntries(i, j, prev, last) ==
    /\ AllTrue(SendAppendEntriesGuards(i, j, prev, last))
    /\ messages' = Send([type |-> "AppendEntries", term |-> currentTerm[i],
                         source |-> i, dest |-> j,
                         prevLogIndex |-> prev,
                         prevLogTerm |-> TermAt(i, prev),
                         entries |-> SubSeq(log[i], prev + 1, last),
                         commitIndex |-> commitIndex[i]],
                        messages)
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, snapshot>>

HandleAppendEntriesGuards(i, m) ==
    [inFlight           |-> InFlight(m),
     isAppendEntries    |-> IsMessageTo(m, i, "AppendEntries"),
     notLeaderOfMsgTerm |-> ~(role[i] = Leader /\ m.term = currentTerm[i])]

\* Stale term: reject.  Otherwise adopt the term and follow; on a log match
\* merge the entries (truncating only at a conflict) and take the leader's
\* commit index up to the last new entry; otherwise reply with a length hint.
\* Impl: RaftNode.handleAppendEntries
HandleAppendEntries(i, m) ==
    LET prev  == m.prevLogIndex
        ents  == m.entries
        logOk == /\ prev <= Len(log[i])
                 /\ prev < snapshot[i].index \/ TermAt(i, prev) = m.prevLogTerm
        last  == prev + Len(ents)
        resp(ok, match) == [type |-> "AppendEntriesResponse", term |-> Max(currentTerm[i], m.term),
                            source |-> i, dest |-> m.source,
                            success |-> ok, matchIndex |-> match]
    IN
    /\ AllTrue(HandleAppendEntriesGuards(i, m))
    /\ IF m.term < currentTerm[i]
       THEN /\ Reply(resp(FALSE, 0), m)
            /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex>>
       ELSE /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
            /\ votedFor'    = [votedFor EXCEPT ![i] = IF m.term > currentTerm[i] THEN 0 ELSE @]
            /\ role'        = [role EXCEPT ![i] = Follower]
            /\ IF logOk
               THEN /\ log'         = [log EXCEPT ![i] = MergeEntries(i, prev, ents)]
                    /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, Min(m.commitIndex, last))]
                    /\ Reply(resp(TRUE, last), m)
               ELSE /\ Reply(resp(FALSE, Len(log[i])), m)
                    /\ UNCHANGED <<log, commitIndex>>
    /\ UNCHANGED <<votesGranted, matchIndex, snapshot>>

HandleAppendEntriesResponseGuards(i, m) ==
    [inFlight                |-> InFlight(m),
     isAppendEntriesResponse |-> IsMessageTo(m, i, "AppendEntriesResponse")]

\* Higher term: Follower with no vote; a success of this term raises the
\* leader's matchIndex; anything else is just consumed.
\* Impl: RaftNode.handleAppendEntriesResponse
HandleAppendEntriesResponse(i, m) ==
    /\ AllTrue(HandleAppendEntriesResponseGuards(i, m))
    /\ IF m.term > currentTerm[i]
       THEN /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
            /\ votedFor'    = [votedFor EXCEPT ![i] = 0]
            /\ role'        = [role EXCEPT ![i] = Follower]
            /\ UNCHANGED matchIndex
       ELSE /\ matchIndex' = IF m.term = currentTerm[i] /\ role[i] = Leader /\ m.success
                             THEN [matchIndex EXCEPT ![i][m.source] = Max(@, m.matchIndex)]
                             ELSE matchIndex
            /\ UNCHANGED <<currentTerm, votedFor, role>>
    /\ messages' = Discard(m, messages)
    /\ UNCHANGED <<log, commitIndex, votesGranted, snapshot>>

\* The nodes known to hold index n: the others by matchIndex, the leader
\* itself only if it is a voter of its effective membership.
\* Impl: RaftNode.agree
Agree(i, n) ==
    {k \in Server \ {i} : matchIndex[i][k] >= n}
        \cup (IF i \in Voters(EffectiveMembership(i)) THEN {i} ELSE {})

AdvanceCommitIndexGuards(i, n) ==
    [isLeader         |-> role[i] = Leader,
     beyondCommit     |-> commitIndex[i] < n,
     inLog            |-> n <= Len(log[i]),
     ownTerm          |-> IF n \in 1..Len(log[i]) THEN log[i][n].term = currentTerm[i] ELSE FALSE,
     quorumReplicated |-> IsQuorum(Agree(i, n), EffectiveMembership(i))]

\* A leader commits an entry of its own term held by a quorum of every
\* config of its effective membership.
\* Impl: RaftNode.advanceCommitIndex
AdvanceCommitIndex(i, n) ==
    /\ AllTrue(AdvanceCommitIndexGuards(i, n))
    /\ commitIndex' = [commitIndex EXCEPT ![i] = n]
    /\ UNCHANGED <<currentTerm, votedFor, log, role, votesGranted, matchIndex, messages, snapshot>>

StepDownGuards(i) ==
    [isLeader            |-> role[i] = Leader,
     notCommittedVoter   |-> i \notin Voters(CommittedMembership(i))]

\* A leader that is not a voter of its committed membership steps down.
\* Impl: RaftNode.stepDown
StepDown(i) ==
    /\ AllTrue(StepDownGuards(i))
    /\ role' = [role EXCEPT ![i] = Follower]
    /\ UNCHANGED <<currentTerm, votedFor, log, commitIndex, votesGranted, matchIndex, messages, snapshot>>

-----------------------------------------------------------------------------
(* Snapshots and compaction *)

TakeSnapshotGuards(i, n) ==
    [beyondSnapshot |-> snapshot[i].index < n,
     committed      |-> n <= commitIndex[i]]

\* Any node compacts its log up to a committed index n: the snapshot records
\* n, its term and the last member entry at or below n (the membership the
\* node must fall back to once the entries are gone).
\* Impl: RaftNode.takeSnapshot
TakeSnapshot(i, n) ==
    LET j == LastMemberAtOrBelow(i, n)
    IN
    /\ AllTrue(TakeSnapshotGuards(i, n))
    /\ snapshot' = [snapshot EXCEPT ![i] = [index |-> n, term |-> TermAt(i, n),
                                            memIndex |-> j, mem |-> MembershipAt(i, j)]]
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, messages>>

SendInstallSnapshotGuards(i, j) ==
    [isLeader    |-> role[i] = Leader,
     otherNode   |-> j \in Server \ {i},
     hasSnapshot |-> snapshot[i].index > 0]

\* A leader sends its snapshot (the impl: to a node whose next entry it has
\* compacted).  prefix is a ghost: the compacted entries, so the receiver's
\* ghost log stays the logical log.
\* Impl: RaftNode.sendInstallSnapshot
SendInstallSnapshot(i, j) ==
    /\ AllTrue(SendInstallSnapshotGuards(i, j))
    /\ messages' = Send([type |-> "InstallSnapshot", term |-> currentTerm[i],
                         source |-> i, dest |-> j,
                         lastIndex |-> snapshot[i].index, lastTerm |-> snapshot[i].term,
                         memIndex |-> snapshot[i].memIndex, mem |-> snapshot[i].mem,
                         prefix |-> SubSeq(log[i], 1, snapshot[i].index)],
                        messages)
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, snapshot>>

HandleInstallSnapshotGuards(i, m) ==
    [inFlight           |-> InFlight(m),
     isInstallSnapshot  |-> IsMessageTo(m, i, "InstallSnapshot"),
     notLeaderOfMsgTerm |-> ~(role[i] = Leader /\ m.term = currentTerm[i])]

\* Stale term: refuse.  Otherwise adopt the term and follow.  A snapshot at or
\* below the commit index adds nothing.  Otherwise it replaces the node's: the
\* log suffix survives only if the node's entry at the snapshot index has the
\* snapshot's term; else the whole log goes, with any newer uncommitted member
\* entry, so the effective membership becomes the snapshot's.
\* Impl: RaftNode.handleInstallSnapshot
HandleInstallSnapshot(i, m) ==
    LET keep == m.lastIndex <= Len(log[i]) /\ TermAt(i, m.lastIndex) = m.lastTerm
        resp(ok, match) == [type |-> "AppendEntriesResponse", term |-> Max(currentTerm[i], m.term),
                            source |-> i, dest |-> m.source,
                            success |-> ok, matchIndex |-> match]
    IN
    /\ AllTrue(HandleInstallSnapshotGuards(i, m))
    /\ IF m.term < currentTerm[i]
       THEN /\ Reply(resp(FALSE, 0), m)
            /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, snapshot>>
       ELSE /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
            /\ votedFor'    = [votedFor EXCEPT ![i] = IF m.term > currentTerm[i] THEN 0 ELSE @]
            /\ role'        = [role EXCEPT ![i] = Follower]
            /\ Reply(resp(TRUE, m.lastIndex), m)
            /\ IF m.lastIndex <= commitIndex[i]
               THEN UNCHANGED <<log, commitIndex, snapshot>>
               ELSE /\ snapshot'    = [snapshot EXCEPT ![i] = [index |-> m.lastIndex, term |-> m.lastTerm,
                                                              memIndex |-> m.memIndex, mem |-> m.mem]]
                    /\ log'         = [log EXCEPT ![i] =
                                          m.prefix \o (IF keep THEN SubSeq(@, m.lastIndex + 1, Len(@))
                                                       ELSE <<>>)]
                    /\ commitIndex' = [commitIndex EXCEPT ![i] = m.lastIndex]
    /\ UNCHANGED <<votesGranted, matchIndex>>

-----------------------------------------------------------------------------
(* Failures *)

RestartGuards(i) == [isServer |-> i \in Server]

\* A crash and restart: volatile state lost; term, vote, snapshot and log
\* kept; the state machine reloads the snapshot, so the commit index is its.
\* Impl: RaftNode.restart
Restart(i) ==
    /\ AllTrue(RestartGuards(i))
    /\ role'         = [role EXCEPT ![i] = Follower]
    /\ commitIndex'  = [commitIndex EXCEPT ![i] = snapshot[i].index]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ matchIndex'   = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ UNCHANGED <<currentTerm, votedFor, log, messages, snapshot>>

DropMessageGuards(m) == [inFlight |-> InFlight(m)]

\* The network loses one copy of m.
\* Impl: VirtualCluster.dropMessage
DropMessage(m) ==
    /\ AllTrue(DropMessageGuards(m))
    /\ messages' = Discard(m, messages)
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, snapshot>>

DuplicateMessageGuards(m) == [inFlight |-> InFlight(m)]

\* The network adds one copy of m.
\* Impl: VirtualCluster.duplicateMessage
DuplicateMessage(m) ==
    /\ AllTrue(DuplicateMessageGuards(m))
    /\ messages' = Send(m, messages)
    /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex, snapshot>>

-----------------------------------------------------------------------------
(* The unbounded next-state relation (memberships drawn from all valid ones). *)

AllMemberships ==
    LET Sets == (SUBSET Server) \ {{}}
    IN  {M \in [configs : {<<a>> : a \in Sets} \cup {<<a, b>> : a, b \in Sets},
                learners : SUBSET Server] : ValidMembership(M)}

Next ==
    \/ \E i \in Server : Timeout(i)
    \/ \E i, j \in Server : SendRequestVote(i, j)
    \/ \E m \in DOMAIN messages : HandleRequestVote(m.dest, m)
    \/ \E m \in DOMAIN messages : IgnoreRequestVote(m.dest, m)
    \/ \E m \in DOMAIN messages : HandleRequestVoteResponse(m.dest, m)
    \/ \E i \in Server : BecomeLeader(i)
    \/ \E i \in Server : ClientRequest(i)
    \/ \E i \in Server, M \in AllMemberships : ProposeMembership(i, M)
    \/ \E i, j \in Server : \E prev, last \in 0..Len(log[i]) : SendAppendEntries(i, j, prev, last)
    \/ \E m \in DOMAIN messages : HandleAppendEntries(m.dest, m)
    \/ \E m \in DOMAIN messages : HandleAppendEntriesResponse(m.dest, m)
    \/ \E i \in Server : \E n \in 1..Len(log[i]) : AdvanceCommitIndex(i, n)
    \/ \E i \in Server : StepDown(i)
    \/ \E i \in Server : Restart(i)
    \/ \E m \in DOMAIN messages : DropMessage(m)
    \/ \E m \in DOMAIN messages : DuplicateMessage(m)
    \/ \E i \in Server : \E n \in 1..commitIndex[i] : TakeSnapshot(i, n)
    \/ \E i, j \in Server : SendInstallSnapshot(i, j)
    \/ \E m \in DOMAIN messages : HandleInstallSnapshot(m.dest, m)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

EntryOK(e) ==
    /\ e.term \in Nat
    /\ \/ e.kind \in {"blank", "normal"} /\ e.mem = NoMembership
       \/ e.kind = "member" /\ ValidMembership(e.mem)

MessageOK(m) ==
    /\ m.type \in {"RequestVote", "RequestVoteResponse", "AppendEntries", "AppendEntriesResponse",
                  "InstallSnapshot"}
    /\ m.term \in Nat /\ m.source \in Server /\ m.dest \in Server
    /\ messages[m] \in Nat \ {0}

TypeOK ==
    /\ currentTerm  \in [Server -> Nat]
    /\ votedFor     \in [Server -> Server \cup {0}]
    /\ role         \in [Server -> {Follower, Candidate, Leader}]
    /\ commitIndex  \in [Server -> Nat]
    /\ votesGranted \in [Server -> SUBSET Server]
    /\ matchIndex   \in [Server -> [Server -> Nat]]
    /\ \A i \in Server : DOMAIN log[i] = 1..Len(log[i])
                         /\ \A k \in DOMAIN log[i] : EntryOK(log[i][k])
    /\ \A m \in DOMAIN messages : MessageOK(m)
    /\ \A i \in Server : /\ snapshot[i].index \in Nat /\ snapshot[i].term \in Nat
                         /\ snapshot[i].memIndex \in 0..snapshot[i].index
                         /\ ValidMembership(snapshot[i].mem)

\* At most one leader per term.
ElectionSafety ==
    \A i, j \in Server :
        role[i] = Leader /\ role[j] = Leader /\ currentTerm[i] = currentTerm[j] => i = j

\* Two logs with an entry of the same term at the same index agree up to it.
LogMatching ==
    \A i, j \in Server : i < j =>
        \A n \in 1..Min(Len(log[i]), Len(log[j])) :
            log[i][n].term = log[j][n].term =>
                \A k \in 1..n : log[i][k] = log[j][k]

\* A leader holds every entry a node knows committed, if that node's term is
\* not above the leader's (knowledge from later terms may not have reached it).
LeaderCompleteness ==
    \A i \in Server : role[i] = Leader =>
        \A j \in Server : currentTerm[j] <= currentTerm[i] =>
            \A n \in 1..Min(commitIndex[j], Len(log[j])) :
                n <= Len(log[i]) /\ log[i][n] = log[j][n]

\* Committed entries are in the log, and committed prefixes agree.
StateMachineSafety ==
    /\ \A i \in Server : commitIndex[i] <= Len(log[i])
    /\ \A i, j \in Server : i < j =>
           \A n \in 1..Min(Min(commitIndex[i], Len(log[i])), Min(commitIndex[j], Len(log[j]))) :
               log[i][n] = log[j][n]

\* Consecutive membership entries of every log are coherent.
MembershipCoherence ==
    \A i \in Server : \A k \in DOMAIN log[i] :
        log[i][k].kind = "member" /\ k > 1 =>
            LET p == ScanMembers(log[i], k - 1, 0)
            IN  p > 0 => Coherent(log[i][k].mem, log[i][p].mem)

\* A leader's log holds at most one membership entry of its own term above its
\* commit index (entries of earlier terms are excluded: a new leader cannot
\* know yet that they are committed).
OneUncommittedMembership ==
    \A i \in Server : role[i] = Leader =>
        Cardinality({k \in commitIndex[i] + 1 .. Len(log[i]) :
                        log[i][k].kind = "member" /\ log[i][k].term = currentTerm[i]}) <= 1

\* A snapshot covers only committed entries of the node's log, and records
\* the term and the last member entry (index and membership) of the logical
\* log at its index: what the ghost prefix says it compacted.
SnapshotOK ==
    \A i \in Server :
        LET sn == snapshot[i]
            j  == ScanMembers(log[i], sn.index, 0)
        IN  /\ sn.index <= commitIndex[i]
            /\ sn.index <= Len(log[i])
            /\ sn.index > 0 => /\ sn.term = log[i][sn.index].term
                               /\ sn.memIndex = j
                               /\ sn.mem = IF j = 0 THEN Bootstrap ELSE log[i][j].mem

=============================================================================
