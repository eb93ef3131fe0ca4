------------------------- MODULE MCJointRaftCalls -------------------------
(***************************************************************************)
(* Model checking of membership calls (JointRaftClient) on top of the      *)
(* server bounds of MCJointRaft: two concurrent calls run against CallNode,*)
(* call 1 adds Changed as voters and call 2 removes them (the seed: one    *)
(* task adds x, the other removes it), both of kind CallKind.  The calls   *)
(* are the only source of membership entries (no ProposeMembershipStep);  *)
(* the server steps are MCJointRaft's, so leaders change, nodes restart and*)
(* messages are lost and duplicated within the cfg's bounds.  The model    *)
(* stops once every call has ended: the properties below are about that    *)
(* moment.  Every disjunct of MCCallsNext ends with Fired of its action;   *)
(* the server steps are MCJointRaft's ServerSteps with the calls' frame.   *)
(*                                                                         *)
(* Ghosts (read only by the properties, never by an action's guard):       *)
(*   committed      every <<index, entry>> some node ever had at or below  *)
(*                  its commit index (the cluster's commit history);       *)
(*   proposed       call id -> <<index, entry>> of the last entry the call *)
(*                  appended to its node's log, read off the log itself;   *)
(*   leaderChanged  a node became leader after the first call started.     *)
(***************************************************************************)
EXTENDS MCJointRaft, JointRaftClient

CONSTANTS
    CallKind,   \* "change_membership" or "change_membership_if": the kind of both calls
    CallNode,   \* the node both calls run against
    Changed     \* the nodes call 1 adds as voters and call 2 removes

VARIABLES
    committed,
    proposed,
    leaderChanged

ghostVars == <<committed, proposed, leaderChanged>>

Req(changes) == [kind |-> CallKind, changes |-> changes, retain |-> FALSE,
                 expected |-> 0, target |-> NoMembership]

\* Call id -> [node, req]; the guarded kind's expected index is set as the call starts.
Requests ==
    (1 :> [node |-> CallNode, req |-> Req(<<[type |-> "AddVoters", nodes |-> Changed]>>)]) @@
    (2 :> [node |-> CallNode, req |-> Req(<<[type |-> "RemoveVoters", nodes |-> Changed]>>)])

\* The client of a guarded call expects the effective index it reads from the
\* node as it starts the call (as the seed's tasks do with membership()).
AtStart(i, req) ==
    IF req.kind = "change_membership_if" THEN [req EXCEPT !.expected = EffectiveIndex(i)] ELSE req

NoEntry == [term |-> 0, kind |-> "none", mem |-> NoMembership]

CommittedNow == UNION {{<<k, log[i][k]>> : k \in 1..Min(commitIndex[i], Len(log[i]))} : i \in Server}

AllStarted == DOMAIN calls = DOMAIN Requests
AllEnded   == AllStarted /\ \A c \in DOMAIN calls : calls[c].phase = "done"

MCCallsInit ==
    /\ MCInit
    /\ calls = NoCalls
    /\ committed = CommittedNow
    /\ proposed = [c \in DOMAIN Requests |-> <<0, NoEntry>>]
    /\ leaderChanged = FALSE

\* The ghosts follow every step; the model stops once every call has ended.
Running == ~AllEnded

GhostsNext ==
    /\ committed' = committed \cup CommittedNow'
    /\ leaderChanged' = \/ leaderChanged
                        \/ DOMAIN calls /= {} /\ \E i \in Server : role[i] /= Leader /\ role'[i] = Leader

\* The frame of a server step: calls and proposed unchanged, ghosts followed.
CallsFrame == UNCHANGED <<calls, proposed>> /\ GhostsNext

\* The frame of a client step: the server ghosts unchanged.
ClientFrame == UNCHANGED mcGhosts /\ GhostsNext

\* A server step (any bounded one of MCJointRaft but a proposal).
ServerStep == Running /\ ServerSteps(CallsFrame)

\* A call starts.
StartCallStep ==
    /\ Running
    /\ \E c \in DOMAIN Requests \ DOMAIN calls :
           StartCall(c, Requests[c].node, AtStart(Requests[c].node, Requests[c].req))
    /\ UNCHANGED proposed
    /\ ClientFrame
    /\ Fired("StartCall")

\* The open calls (CallNext's first two conjuncts).
Open == {c \in DOMAIN calls : calls[c].phase /= "done"}

\* A started call's proposal (CallNext's first disjunct) appends within
\* MaxLogLen; the ghost proposed takes the entry it appended.
CallProposeMembershipStep ==
    /\ Running
    /\ \E c \in Open :
           LET i == calls[c].node IN
           /\ \E s \in {1, 2} : CallProposeMembership(c, s, CallTarget(c).mem)
           /\ Len(log'[i]) <= MaxLogLen
           /\ proposed' = [proposed EXCEPT ![c] = <<Len(log'[i]), log'[i][Len(log'[i])]>>]
    /\ ClientFrame
    /\ Fired("CallProposeMembership")

\* The leader refuses a started call's target (CallNext's second disjunct).
CallProposeRefusedStep ==
    /\ Running
    /\ \E c \in Open : \E s \in {1, 2} :
           LET tgt == CallTarget(c) IN
           CallProposeRefused(c, s, tgt.mem, RefusalOf(calls[c].node, tgt.mem))
    /\ UNCHANGED proposed
    /\ ClientFrame
    /\ Fired("CallProposeRefused")

\* A started call ends (CallNext's last two disjuncts).
EndCallStep ==
    /\ Running
    /\ \E c \in Open :
           \/ EndCall(c, "ok", calls[c].mem)
           \/ \E r \in Results \ {"ok"} : EndCall(c, r, NoMembership)
    /\ UNCHANGED proposed
    /\ ClientFrame
    /\ Fired("EndCall")

MCCallsNext ==
    \/ ServerStep
    \/ StartCallStep
    \/ CallProposeMembershipStep
    \/ CallProposeRefusedStep
    \/ EndCallStep

MCCallsView == <<MCView, calls, ghostVars>>

-----------------------------------------------------------------------------
(* Properties *)

\* (b) An ok call reported the membership of the last entry it appended, and
\* that very entry (index and content, read off the log when it was
\* appended) was in the cluster's commit history when the call ended.
OkReportsCommittedEntry ==
    \A c \in DOMAIN calls : calls[c].result = "ok" =>
        /\ proposed[c][1] > 0
        /\ proposed[c] \in committed
        /\ calls[c].reported = proposed[c][2].mem

\* A change call's target is always one the leader accepts: step 2 re-reads
\* the effective membership, so next coherent of its goal is coherent with
\* it; only in_progress refusals happen, and they only retry.
CallTargetsAccepted ==
    \A c \in DOMAIN calls : calls[c].kind /= "propose_membership" => calls[c].refused = ""

\* (c) When both calls are guarded, both have ended and no node became
\* leader since the first one started, every leader's effective membership
\* is uniform.  (The calls' results are left free: a guarded call may end
\* with precondition_failed, which is exactly what keeps the end uniform.
\* Without ~leaderChanged it is false: the call node restarts after step 1
\* appended a joint entry and wins the next term on it; the call ends
\* not_leader, the other precondition_failed, and the leader stays joint.)
GuardedCallsEndUniform ==
    (/\ \A c \in DOMAIN Requests : Requests[c].req.kind = "change_membership_if"
     /\ AllEnded
     /\ ~leaderChanged)
    => \A i \in Server : role[i] = Leader => Len(EffectiveMembership(i).configs) = 1

\* (a) The seed's outcome: both calls ended ok, and the membership they left
\* (the call node's effective one, committed) is joint.  A witness: TLC
\* must reach it.
SeedOutcome ==
    /\ AllEnded
    /\ \A c \in DOMAIN calls : calls[c].result = "ok"
    /\ Len(EffectiveMembership(CallNode).configs) = 2
    /\ EffectiveIndex(CallNode) <= commitIndex[CallNode]

\* (c) is not vacuous: its premise holds, with a leader, in a state where a
\* guarded call's step-1 entry was overtaken by the other call, so it ended
\* with precondition_failed after proposing.  A witness of the guarded model.
Step2GuardFailed ==
    /\ AllEnded
    /\ ~leaderChanged
    /\ \E i \in Server : role[i] = Leader
    /\ \E c \in DOMAIN calls : calls[c].result = "precondition_failed" /\ calls[c].step1Index > 0

=============================================================================
