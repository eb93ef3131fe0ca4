---------------------------- MODULE MCJointRaft ----------------------------
(***************************************************************************)
(* Model checking of JointRaft.  The bootstrap membership and the change   *)
(* requests come from cfg constants; a leader proposes every membership    *)
(* the impl's algebra (JointRaftClient's ChangeTarget) makes of them from   *)
(* its effective membership, plus the explicit pivots and reverts of       *)
(* propose_membership; the coherence guard of ProposeMembership decides.   *)
(* MCNext bounds terms, log growth, membership changes, restarts and batch *)
(* sizes; MCConstraint bounds the bag.                                     *)
(*                                                                         *)
(* Every disjunct of a next-state relation here (and in MCJointRaftCalls)  *)
(* is one spec action X in a wrapper whose LAST conjunct is Fired("X"):    *)
(* TLC prints <<"jointraft-fired", X, depth>> the first time (per worker)  *)
(* X produces a successor, so a run shows which actions it exercised.      *)
(*                                                                         *)
(* Ghosts (model checking only, all in the VIEW):                          *)
(*   timeouts, restarts  counters for the bounds;                          *)
(*   leaders       every <<term, server>> that became leader;              *)
(*   committedLog  committedLog[k] = [entry, mem, term]: the entry a       *)
(*                 leader first committed at index k, the leader's         *)
(*                 effective membership and its term at that moment.       *)
(* No symmetry: TLC permutes model values only, and the servers are ints   *)
(* (JointRaft compares them with <); see docs/spec.md.                     *)
(***************************************************************************)
EXTENDS JointRaft, TLC

CONSTANTS
    BootstrapVoters,       \* the voter set of the (uniform) bootstrap membership
    BootstrapLearners,     \* its learners
    ChangeTypes,           \* change types of the change requests (the five of JointRaftClient, or some)
    ChangeNodes,           \* node sets the change requests name
    RetainChoices,         \* subset of BOOLEAN: retain values of the change requests
    PivotConfigs,          \* voter sets C of the explicit pivots [A,B] -> [A,C]
    Reverts,               \* BOOLEAN: the explicit revert [A,B] -> [A]
    TargetConfigs,         \* explicit targets of the old shape (the neg_* cfgs); {} elsewhere
    TargetLearners,        \* learner sets of those
    MaxTerm,               \* no Timeout beyond this term
    MaxTimeouts,           \* Timeouts in a behaviour, all servers together
    MaxLogLen,             \* no append beyond this length
    MaxMembershipChanges,  \* member entries in a log, the bootstrap entry aside
    MaxClientRequests,     \* normal entries in a log
    MaxRestarts,           \* restarts in a behaviour
    MaxAppendBatch,        \* entries in one AppendEntries
    MaxInFlight,           \* distinct messages in the bag
    MaxCopies,             \* copies of one message in the bag
    SnapshotNodes          \* the nodes that take snapshots ({}: none)

VARIABLES
    timeouts,              \* Timeouts so far
    restarts,              \* Restarts so far
    leaders,               \* every <<term, server>> that became leader
    committedLog           \* index -> [entry, mem, term] of its first commit by a leader

mcGhosts == <<timeouts, restarts, leaders, committedLog>>

MCBootstrap == [configs |-> <<BootstrapVoters>>, learners |-> BootstrapLearners]

-----------------------------------------------------------------------------
(* Action coverage (docs/spec.md): registers 101.. hold "fired" flags.    *)

SpecActions ==
    <<"Timeout", "SendRequestVote", "HandleRequestVote", "IgnoreRequestVote", "HandleRequestVoteResponse",
      "BecomeLeader", "ClientRequest", "ProposeMembership", "SendAppendEntries",
      "HandleAppendEntries", "HandleAppendEntriesResponse", "AdvanceCommitIndex",
      "StepDown", "TakeSnapshot", "SendInstallSnapshot", "HandleInstallSnapshot",
      "Restart", "DropMessage", "DuplicateMessage",
      "StartCall", "CallProposeMembership", "CallProposeRefused", "EndCall">>

ActionRegister(a) == 100 + CHOOSE k \in DOMAIN SpecActions : SpecActions[k] = a

ASSUME \A k \in DOMAIN SpecActions : TLCSet(100 + k, 0)

Fired(a) == IF TLCGet(ActionRegister(a)) = 0
            THEN TLCSet(ActionRegister(a), 1) /\ PrintT(<<"jointraft-fired", a, TLCGet("level")>>)
            ELSE TRUE

-----------------------------------------------------------------------------
(* Targets *)

\* The impl's membership algebra, without the calls (only its pure operators are used).
Alg == INSTANCE JointRaftClient WITH calls <- [c \in {} |-> 0]

\* Single-change requests: every type of ChangeTypes on every set of
\* ChangeNodes, with every retain of RetainChoices.
ChangeRequests ==
    {[changes |-> <<[type |-> t, nodes |-> s]>>, retain |-> r] :
        t \in ChangeTypes, s \in ChangeNodes, r \in RetainChoices}

\* What one step of change_membership proposes from E for each request it
\* accepts: from a uniform E step 1 (or E itself when the goal is E's
\* config), from a joint E step 2 or the next joint step (the algebra
\* applied to the joint E).
AlgebraTargets(E) ==
    LET made == {Alg!ChangeTarget(E, q.changes, q.retain) : q \in ChangeRequests}
    IN  {x.mem : x \in {y \in made : y.ok}}

\* The explicit moves of propose_membership from a joint [A, B]: revert to
\* [A], pivot to [A, C] (learners kept unless they become voters).
PivotTargets(E) ==
    IF Len(E.configs) /= 2 THEN {}
    ELSE LET A == E.configs[1]
             B == E.configs[2]
         IN  (IF Reverts THEN {[configs |-> <<A>>, learners |-> E.learners \ A]} ELSE {})
             \cup {[configs |-> <<A, C>>, learners |-> E.learners \ (A \cup C)] :
                       C \in PivotConfigs \ {A, B}}

\* The explicit targets of the neg_* cfgs (the shape of the earlier model):
\* a uniform config of TargetConfigs, or <<last, c>> with c not in E.
ExplicitTargets(E) ==
    LET last == E.configs[Len(E.configs)]
    IN  {M \in {[configs |-> <<c>>, learners |-> l] : c \in TargetConfigs, l \in TargetLearners}
                \cup {[configs |-> <<last, c>>, learners |-> l] :
                          c \in TargetConfigs \ {E.configs[k] : k \in DOMAIN E.configs}, l \in TargetLearners} :
            M /= E}

\* Everything leader i may be asked to propose; ProposeMembership's guards
\* (valid, coherent, committed) still decide.
MCTargets(i) ==
    LET E == EffectiveMembership(i)
    IN  AlgebraTargets(E) \cup PivotTargets(E) \cup ExplicitTargets(E)

Count(lg, kind) == Cardinality({k \in DOMAIN lg : lg[k].kind = kind})

CanAppend(i) == Len(log[i]) < MaxLogLen

-----------------------------------------------------------------------------
(* Bounded steps.  Each XStep is spec action X within the bounds, with the *)
(* ghosts updated; the next-state relations add Fired("X") last.           *)

\* The bootstrap entry is committed from the start, in term 0 (no leader).
MCInit == /\ Init
          /\ timeouts = 0 /\ restarts = 0 /\ leaders = {}
          /\ committedLog = <<[entry |-> BootstrapEntry, mem |-> Bootstrap, term |-> 0]>>

TimeoutStep ==
    /\ timeouts < MaxTimeouts
    /\ \E i \in Server : currentTerm[i] < MaxTerm /\ Timeout(i)
    /\ timeouts' = timeouts + 1
    /\ UNCHANGED <<restarts, leaders, committedLog>>

SendRequestVoteStep ==
    /\ \E i \in Server : role[i] = Candidate /\
          \* only voters whose vote it has not got yet
          \E j \in Voters(EffectiveMembership(i)) \ votesGranted[i] : SendRequestVote(i, j)
    /\ UNCHANGED mcGhosts

HandleRequestVoteStep ==
    /\ \E m \in DOMAIN messages : HandleRequestVote(m.dest, m)
    /\ UNCHANGED mcGhosts

IgnoreRequestVoteStep ==
    /\ \E m \in DOMAIN messages : IgnoreRequestVote(m.dest, m)
    /\ UNCHANGED mcGhosts

HandleRequestVoteResponseStep ==
    /\ \E m \in DOMAIN messages : HandleRequestVoteResponse(m.dest, m)
    /\ UNCHANGED mcGhosts

BecomeLeaderStep ==
    /\ \E i \in Server : /\ CanAppend(i)
                         /\ BecomeLeader(i)
                         /\ leaders' = leaders \cup {<<currentTerm[i], i>>}
    /\ UNCHANGED <<timeouts, restarts, committedLog>>

ClientRequestStep ==
    /\ \E i \in Server : /\ role[i] = Leader /\ CanAppend(i)
                         /\ Count(log[i], "normal") < MaxClientRequests
                         /\ ClientRequest(i)
    /\ UNCHANGED mcGhosts

\* A leader proposes one of MCTargets (MCJointRaftCalls uses calls instead).
ProposeMembershipStep ==
    /\ \E i \in Server : /\ role[i] = Leader /\ CanAppend(i)
                         /\ Count(log[i], "member") <= MaxMembershipChanges
                         /\ \E M \in MCTargets(i) : ProposeMembership(i, M)
    /\ UNCHANGED mcGhosts

SendAppendEntriesStep ==
    /\ \E i \in Server : role[i] = Leader /\
          \* from what j is known to hold, or from the end of the log
          \E j \in Members(EffectiveMembership(i)) \ {i} :
          \E prev \in {matchIndex[i][j], Len(log[i])} \cap 0..Len(log[i]) :
              \E last \in prev..Min(Len(log[i]), prev + MaxAppendBatch) :
                  \* an empty one only as a heartbeat from the end of the log
                  /\ last = prev => prev = Len(log[i])
                  /\ SendAppendEntries(i, j, prev, last)
    /\ UNCHANGED mcGhosts

HandleAppendEntriesStep ==
    /\ \E m \in DOMAIN messages : HandleAppendEntries(m.dest, m)
    /\ UNCHANGED mcGhosts

HandleAppendEntriesResponseStep ==
    /\ \E m \in DOMAIN messages : HandleAppendEntriesResponse(m.dest, m)
    /\ UNCHANGED mcGhosts

\* The indexes a commit to n makes committed for the first time get their
\* entry, the leader's effective membership and its term in committedLog.
AdvanceCommitIndexStep ==
    /\ \E i \in Server : role[i] = Leader /\
          \E n \in commitIndex[i] + 1 .. Len(log[i]) :
              /\ AdvanceCommitIndex(i, n)
              /\ committedLog' =
                     committedLog \o
                     [k \in 1 .. (n - Len(committedLog)) |->
                         [entry |-> log[i][Len(committedLog) + k],
                          mem   |-> EffectiveMembership(i),
                          term  |-> currentTerm[i]]]
    /\ UNCHANGED <<timeouts, restarts, leaders>>

StepDownStep ==
    /\ \E i \in Server : StepDown(i)
    /\ UNCHANGED mcGhosts

RestartStep ==
    /\ restarts < MaxRestarts
    /\ \E i \in Server : Restart(i)
    /\ restarts' = restarts + 1
    /\ UNCHANGED <<timeouts, leaders, committedLog>>

DropMessageStep ==
    /\ \E m \in DOMAIN messages : DropMessage(m)
    /\ UNCHANGED mcGhosts

DuplicateMessageStep ==
    /\ \E m \in DOMAIN messages : messages[m] < MaxCopies /\ DuplicateMessage(m)
    /\ UNCHANGED mcGhosts

\* As the impl's driver does: a snapshot of everything committed (the state
\* machine has applied it), so their number is bounded by the commits; not
\* of the bootstrap entry alone, which holds no state.  The
\* whole log is offered too: the guards allow it only when all of it is
\* committed (the same step), but a variant that compacts past the commit
\* index can take it.
TakeSnapshotStep ==
    /\ \E i \in SnapshotNodes : \E n \in {commitIndex[i], Len(log[i])} : n > 1 /\ TakeSnapshot(i, n)
    /\ UNCHANGED mcGhosts

\* As the impl: only to a member whose next entry the leader has compacted.
SendInstallSnapshotStep ==
    /\ \E i \in Server : role[i] = Leader /\ snapshot[i].index > 0 /\
          \E j \in Members(EffectiveMembership(i)) \ {i} :
              /\ matchIndex[i][j] < snapshot[i].index
              /\ SendInstallSnapshot(i, j)
    /\ UNCHANGED mcGhosts

HandleInstallSnapshotStep ==
    /\ \E m \in DOMAIN messages : HandleInstallSnapshot(m.dest, m)
    /\ UNCHANGED mcGhosts

\* Every bounded server step but a proposal, each conjoined with Extra (the
\* frame of the extending module's variables, TRUE here) and then Fired.
ServerSteps(Extra) ==
    \/ TimeoutStep                     /\ Extra /\ Fired("Timeout")
    \/ SendRequestVoteStep             /\ Extra /\ Fired("SendRequestVote")
    \/ HandleRequestVoteStep           /\ Extra /\ Fired("HandleRequestVote")
    \/ IgnoreRequestVoteStep           /\ Extra /\ Fired("IgnoreRequestVote")
    \/ HandleRequestVoteResponseStep   /\ Extra /\ Fired("HandleRequestVoteResponse")
    \/ BecomeLeaderStep                /\ Extra /\ Fired("BecomeLeader")
    \/ ClientRequestStep               /\ Extra /\ Fired("ClientRequest")
    \/ SendAppendEntriesStep           /\ Extra /\ Fired("SendAppendEntries")
    \/ HandleAppendEntriesStep         /\ Extra /\ Fired("HandleAppendEntries")
    \/ HandleAppendEntriesResponseStep /\ Extra /\ Fired("HandleAppendEntriesResponse")
    \/ AdvanceCommitIndexStep          /\ Extra /\ Fired("AdvanceCommitIndex")
    \/ StepDownStep                    /\ Extra /\ Fired("StepDown")
    \/ RestartStep                     /\ Extra /\ Fired("Restart")
    \/ DropMessageStep                 /\ Extra /\ Fired("DropMessage")
    \/ DuplicateMessageStep            /\ Extra /\ Fired("DuplicateMessage")
    \/ TakeSnapshotStep                /\ Extra /\ Fired("TakeSnapshot")
    \/ SendInstallSnapshotStep         /\ Extra /\ Fired("SendInstallSnapshot")
    \/ HandleInstallSnapshotStep       /\ Extra /\ Fired("HandleInstallSnapshot")

MCNext ==
    \/ ServerSteps(TRUE)
    \/ ProposeMembershipStep /\ Fired("ProposeMembership")

\* Sound state abstraction: votesGranted of a non-candidate and matchIndex of
\* a non-leader are never read again (Timeout and BecomeLeader reset them).
MCView ==
    <<currentTerm, votedFor, log, role, commitIndex,
      [i \in Server |-> IF role[i] = Candidate THEN votesGranted[i] ELSE {}],
      [i \in Server |-> IF role[i] = Leader THEN matchIndex[i] ELSE <<>>],
      messages, snapshot, mcGhosts>>

\* Sending a message already in flight adds a copy, so copies are bounded here too.
MCConstraint ==
    /\ Cardinality(DOMAIN messages) <= MaxInFlight
    /\ \A m \in DOMAIN messages : messages[m] <= MaxCopies

-----------------------------------------------------------------------------
(* History invariants *)

\* At most one leader per term over the whole behaviour (not only among the
\* leaders of one state).
ElectionSafetyEver ==
    \A p, q \in leaders : p[1] = q[1] => p[2] = q[2]

\* Committed entries never change: every node's committed prefix (at or
\* below its commit index) is the entry first committed at each index, and
\* no node knows an index committed that no leader committed.
CommittedNeverChange ==
    \A i \in Server : \A k \in 1 .. Min(commitIndex[i], Len(log[i])) :
        k <= Len(committedLog) /\ log[i][k] = committedLog[k].entry

\* Committed entries are never lost to a later leader: every leader whose
\* term is at least the term in which index k was first committed holds
\* that entry at k (a leader of an earlier term, deposed but not yet told,
\* need not).
CommittedInLaterLeaders ==
    \A i \in Server : role[i] = Leader =>
        \A k \in DOMAIN committedLog :
            currentTerm[i] >= committedLog[k].term =>
                k <= Len(log[i]) /\ log[i][k] = committedLog[k].entry

\* The joint-quorum statement: from the step in which a leader first
\* commits index k while its effective membership is M (joint or uniform),
\* in every later state a majority of EVERY config of M holds the entry
\* committed at k (for a joint M: a majority of the old config and a
\* majority of the new one, whatever membership the cluster moved on to).
CommitQuorumKept ==
    \A k \in DOMAIN committedLog :
        IsQuorum({j \in Server : k <= Len(log[j]) /\ log[j][k] = committedLog[k].entry},
                 committedLog[k].mem)

\* Terms never decrease along any log: a node appends entries of its own
\* term, and a follower keeps a prefix of its log and adds the leader's
\* entries, whose terms do not decrease either.  (An in-place overwrite
\* that kept an old suffix behind a newer entry would break it.)
LogTermsMonotone ==
    \A i \in Server : \A k \in 1 .. Len(log[i]) - 1 : log[i][k].term <= log[i][k + 1].term

-----------------------------------------------------------------------------
(* Witnesses: positive state predicates the suite must reach (declared in  *)
(* a cfg with "\* witness: NAME").  Those named "...Steps" describe the     *)
(* state from which the step named holds: a spec action whose successor,   *)
(* required within MCConstraint, breadth-first search explores.            *)

IsJoint(e)   == e.kind = "member" /\ Len(e.mem.configs) = 2

\* The member entries of log lg at indexes 1..n, as memberships.
RECURSIVE MembersUpTo(_, _)
MembersUpTo(lg, n) ==
    IF n = 0 THEN <<>>
    ELSE IF lg[n].kind = "member" THEN Append(MembersUpTo(lg, n - 1), lg[n].mem)
    ELSE MembersUpTo(lg, n - 1)

U(a)    == [configs |-> <<a>>, learners |-> {}]
J(a, b) == [configs |-> <<a, b>>, learners |-> {}]

\* The FAQ walk-through: a leader's committed log holds the member entries
\* {1}, [{1},{1,2}], [{1,2},{1}], {1}, [{1},{1,2}].
FaqLogCommitted ==
    \E i \in Server :
        /\ role[i] = Leader
        /\ MembersUpTo(log[i], Min(commitIndex[i], Len(log[i])))
             = <<U({1}), J({1}, {1, 2}), J({1, 2}, {1}), U({1}), J({1}, {1, 2})>>

\* The index of the next member entry after k in lg (0 if none).
NextMember(lg, k) ==
    LET later == {n \in k + 1 .. Len(lg) : lg[n].kind = "member"}
    IN  IF later = {} THEN 0 ELSE CHOOSE n \in later : \A x \in later : n <= x

\* A joint entry directly followed, as the next member entry, by another joint one.
JointToJoint ==
    \E i \in Server : \E k \in DOMAIN log[i] :
        /\ IsJoint(log[i][k])
        /\ NextMember(log[i], k) > 0
        /\ IsJoint(log[i][NextMember(log[i], k)])

\* A leader of a later term finished (the next member entry is uniform) or
\* pivoted (it is joint) a joint change an earlier leader started.
LaterLeaderFinishes ==
    \E i \in Server : \E k \in DOMAIN log[i] :
        /\ IsJoint(log[i][k])
        /\ NextMember(log[i], k) > 0
        /\ log[i][NextMember(log[i], k)].term > log[i][k].term

LaterLeaderPivots ==
    \E i \in Server : \E k \in DOMAIN log[i] :
        /\ IsJoint(log[i][k])
        /\ NextMember(log[i], k) > 0
        /\ log[i][NextMember(log[i], k)].term > log[i][k].term
        /\ IsJoint(log[i][NextMember(log[i], k)])

\* Node m.dest handles AppendEntries m, truncates its effective member entry
\* and ends up with an earlier one: its effective membership reverts.
RevertByTruncationSteps ==
    \E m \in DOMAIN messages :
        LET i == m.dest IN
        /\ m.type = "AppendEntries"
        /\ ENABLED (/\ HandleAppendEntries(i, m)
                    /\ EffectiveIndex(i)' < EffectiveIndex(i)
                    /\ MCConstraint')

\* A leader removed from its committed membership steps down.
RemovedLeaderStepsDown ==
    \E i \in Server : AllTrue(StepDownGuards(i))

\* An entry a leader committed (not the bootstrap entry) is still missing
\* on a voter of the membership it was committed under: it was committed
\* without that voter (entries at a committed index never change).
CommittedWhileVoterLacks ==
    \E k \in DOMAIN committedLog :
        /\ committedLog[k].term > 0
        /\ \E j \in Voters(committedLog[k].mem) :
               k > Len(log[j]) \/ log[j][k] /= committedLog[k].entry

\* A leader committed a uniform member entry in which a bootstrap learner
\* is a voter (it was promoted, both steps of the change committed).
LearnerPromotedCommitted ==
    \E k \in DOMAIN committedLog :
        LET e == committedLog[k].entry IN
        /\ e.kind = "member" /\ Len(e.mem.configs) = 1
        /\ BootstrapLearners \cap Voters(e.mem) /= {}

ThreeInFlight == Cardinality(DOMAIN messages) >= 3

ReplyType(t) == IF t = "AppendEntries" THEN "AppendEntriesResponse" ELSE "RequestVoteResponse"

\* A request m with two copies (duplicated) is handled and one copy stays:
\* with no reply of its kind between the two nodes in flight and
\* MaxCopies >= 2, its second handling is within the bounds as well (it
\* removes m and adds at most one more reply copy), so search handles it twice.
DuplicateHandledTwiceSteps ==
    \E m \in DOMAIN messages :
        /\ messages[m] = 2 /\ MaxCopies >= 2
        /\ m.type \in {"AppendEntries", "RequestVote"}
        /\ ~\E r \in DOMAIN messages : r.type = ReplyType(m.type) /\ r.source = m.dest /\ r.dest = m.source
        /\ ENABLED (/\ \/ HandleAppendEntries(m.dest, m)
                       \/ HandleRequestVote(m.dest, m)
                    /\ MCConstraint')

\* A bootstrap member with commit index 0 has restarted (only Restart sets
\* it below 1) and has not learned a commit since; it grants a vote.
RestartedGrantsVoteSteps ==
    \E m \in DOMAIN messages :
        LET i == m.dest IN
        /\ m.type = "RequestVote"
        /\ i \in Members(Bootstrap) /\ commitIndex[i] = 0
        /\ ENABLED (/\ HandleRequestVote(i, m)
                    /\ \E r \in DOMAIN messages' :
                           /\ r.type = "RequestVoteResponse" /\ r.source = i /\ r.granted
                           /\ r \notin DOMAIN messages
                    /\ MCConstraint')

\* A node catches up through a snapshot whose membership is joint: it
\* installs it (its commit index jumps to the snapshot's index).
JointSnapshotInstalledSteps ==
    \E m \in DOMAIN messages :
        LET i == m.dest IN
        /\ m.type = "InstallSnapshot" /\ Len(m.mem.configs) = 2
        /\ m.lastIndex > commitIndex[i]
        /\ ENABLED (/\ HandleInstallSnapshot(i, m)
                    /\ snapshot'[i].index = m.lastIndex
                    /\ MCConstraint')

\* A node installs a snapshot over a log whose effective member entry is
\* newer than the snapshot's and not committed; its entry at the snapshot
\* index conflicts, so that membership goes with the log: the snapshot's
\* becomes effective.
InstallDiscardsNewerMembershipSteps ==
    \E m \in DOMAIN messages :
        LET i == m.dest IN
        /\ m.type = "InstallSnapshot"
        /\ m.lastIndex > commitIndex[i]
        /\ EffectiveIndex(i) > Max(m.memIndex, commitIndex[i])
        /\ ENABLED (/\ HandleInstallSnapshot(i, m)
                    /\ snapshot'[i].index = m.lastIndex
                    /\ EffectiveIndex(i)' = m.memIndex
                    /\ MCConstraint')

\* The same, but the log matches at the snapshot index and the member entry
\* lies above it: it survives and stays effective.
InstallKeepsNewerMembershipSteps ==
    \E m \in DOMAIN messages :
        LET i == m.dest IN
        /\ m.type = "InstallSnapshot"
        /\ m.lastIndex > commitIndex[i]
        /\ EffectiveIndex(i) > m.lastIndex
        /\ ENABLED (/\ HandleInstallSnapshot(i, m)
                    /\ snapshot'[i].index = m.lastIndex
                    /\ EffectiveIndex(i)' = EffectiveIndex(i)
                    /\ MCConstraint')

=============================================================================
