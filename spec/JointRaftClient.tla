-------------------------- MODULE JointRaftClient --------------------------
(***************************************************************************)
(* The client side of membership change, on top of JointRaft: a call of    *)
(* change_membership, change_membership_if or propose_membership runs      *)
(* against one node and moves through start, step 1, an optional step 2   *)
(* and end.  Every step is an action with a guard record, as the server    *)
(* actions are, so a trace validator can name the client rule an event     *)
(* broke.  The membership algebra (changes, goal, retain, next coherent)   *)
(* is defined here exactly as the Java one computes it; docs/membership.md *)
(* lists both side by side.                                                *)
(*                                                                         *)
(* A call's proposal is JointRaft's ProposeMembership with the target the  *)
(* call computes, in the same step; the other server actions leave the     *)
(* calls unchanged.                                                        *)
(***************************************************************************)
EXTENDS JointRaft, TLC

VARIABLE
    calls   \* call id -> the call's record (see NewCall)

allVars == <<vars, calls>>

NoCalls == [c \in {} |-> 0]

Kinds == {"change_membership", "change_membership_if", "propose_membership"}

\* What a call can end with ("ok" or the error a CallEnd reports).
Results == {"ok", "not_leader", "precondition_failed", "invalid_change"}

-----------------------------------------------------------------------------
(* The membership algebra.  A change is [type |-> T, nodes |-> S], T one of *)
(* the five change types; a request applies a sequence of them in order.   *)

LastConfig(M) == M.configs[Len(M.configs)]

\* One change on the working state [voters, learners, dropped, error]
\* (the loop body of Goal's Java twin).  Naming a voter in AddLearners or
\* RemoveLearners is an error.
ApplyChange(s, ch) ==
    IF s.error /= "" THEN s
    ELSE CASE ch.type = "AddVoters" ->
                  [s EXCEPT !.voters = @ \cup ch.nodes, !.learners = @ \ ch.nodes, !.dropped = @ \ ch.nodes]
           [] ch.type = "RemoveVoters" ->
                  [s EXCEPT !.voters = @ \ ch.nodes]
           [] ch.type = "ReplaceAllVoters" ->
                  [s EXCEPT !.voters = ch.nodes, !.learners = @ \ ch.nodes, !.dropped = @ \ ch.nodes]
           [] ch.type = "AddLearners" ->
                  IF ch.nodes \cap s.voters /= {} THEN [s EXCEPT !.error = "node_is_voter"]
                  ELSE [s EXCEPT !.learners = @ \cup ch.nodes, !.dropped = @ \ ch.nodes]
           [] ch.type = "RemoveLearners" ->
                  IF ch.nodes \cap s.voters /= {} THEN [s EXCEPT !.error = "node_is_voter"]
                  ELSE [s EXCEPT !.learners = @ \ ch.nodes, !.dropped = @ \cup ch.nodes]
           [] OTHER -> [s EXCEPT !.error = "unknown_change"]

RECURSIVE ApplyFrom(_, _, _)
ApplyFrom(s, changes, k) ==
    IF k > Len(changes) THEN s ELSE ApplyFrom(ApplyChange(s, changes[k]), changes, k + 1)

\* A result of the algebra: ok with a membership, or not ok with the problem.
Made(M)     == [ok |-> TRUE, mem |-> M, problem |-> ""]
Refused(why) == [ok |-> FALSE, mem |-> NoMembership, problem |-> why]

\* The uniform goal: the changes applied to the last config of M.  With
\* retain, every voter of M that is no voter of the goal stays a learner;
\* learners a change removed leave either way.
\* Impl: MembershipChange.applyAll
Goal(M, changes, retain) ==
    LET s == ApplyFrom([voters |-> LastConfig(M), learners |-> M.learners, dropped |-> {}, error |-> ""],
                       changes, 1)
        kept == (IF retain THEN s.learners \cup Voters(M) ELSE s.learners) \ s.dropped
    IN  IF changes = <<>> THEN Refused("empty_change")
        ELSE IF s.error /= "" THEN Refused(s.error)
        ELSE IF s.voters = {} THEN Refused("removes_every_voter")
        ELSE Made([configs |-> <<s.voters>>, learners |-> kept \ s.voters])

\* Uniform [A]: G = A gives [A], else [A, G].  Joint [A, B]: G = B gives
\* [G], else [B, G].  Learners that are voters of the result are dropped.
\* Impl: Membership.nextCoherent
NextCoherent(M, G, learners) ==
    LET keep == LastConfig(M)
        next == IF G = keep THEN <<G>> ELSE <<keep, G>>
    IN  [configs |-> next, learners |-> learners \ UNION {next[k] : k \in DOMAIN next}]

\* What one step of change_membership proposes from M.
\* Impl: Membership.change
ChangeTarget(M, changes, retain) ==
    LET g == Goal(M, changes, retain)
    IN  IF g.ok THEN Made(NextCoherent(M, g.mem.configs[1], g.mem.learners)) ELSE g

-----------------------------------------------------------------------------
(* A call *)

\* A call's record as it starts.  phase: "propose" (its next attempt
\* proposes step `step`), "await" (its step-`step` entry, at index with
\* term, waits for its commit on the call's node) or "done".  refused: the
\* reason of a refusal that ends the call (in_progress only retries).
NewCall(i, req) ==
    [node |-> i, kind |-> req.kind, changes |-> req.changes, retain |-> req.retain,
     expected |-> req.expected, target |-> req.target,
     phase |-> "propose", step |-> 1, index |-> 0, term |-> 0, mem |-> NoMembership,
     step1Index |-> 0, refused |-> "", result |-> "", reported |-> NoMembership]

IsCall(c) == c \in DOMAIN calls

\* The call's proposed entry is committed on its node (same index and term).
\* This judges the truth, on the logical log (below the node's snapshot that
\* is the ghost prefix): the impl may only act on what is true.
\* Impl: MembershipCall.awaitCommit
EntryCommitted(c) ==
    LET i == calls[c].node
        k == calls[c].index
    IN  /\ k >= 1 /\ k <= commitIndex[i] /\ k <= Len(log[i])
        /\ log[i][k].term = calls[c].term

\* The node has compacted the call's entry and no longer leads in the call's
\* term: it cannot tell whether that entry is the one committed there (the
\* impl does not look at a snapshot's own term either), so giving up is right,
\* even when the entry did commit.  A call that saw its step-1 entry commit
\* before it was compacted remembers that (the impl's phase between the
\* steps) and may go on to step 2: both are allowed, as the trace does not
\* say when the call looked.
EntryUnknown(c) ==
    LET i == calls[c].node
    IN  /\ calls[c].index <= snapshot[i].index
        /\ ~(role[i] = Leader /\ currentTerm[i] = calls[c].term)

\* A committed joint step-1 result of change_membership(_if) needs step 2.
NeedsStep2(c) ==
    /\ calls[c].kind /= "propose_membership"
    /\ calls[c].step = 1
    /\ Len(calls[c].mem.configs) = 2

\* The call's next attempt proposes: it is in phase "propose", or its joint
\* step-1 entry committed, so step 2 comes next.
Proposing(c) ==
    \/ calls[c].phase = "propose"
    \/ calls[c].phase = "await" /\ NeedsStep2(c) /\ EntryCommitted(c)

ProposingStep(c) == IF calls[c].phase = "propose" THEN calls[c].step ELSE 2

\* The guarded kind expects the effective entry at its expected index in
\* step 1 and at step 1's entry in step 2; the others expect nothing.
\* Impl: MembershipCall.propose
GuardHolds(c, s) ==
    calls[c].kind = "change_membership_if" =>
        EffectiveIndex(calls[c].node) = IF s = 1 THEN calls[c].expected ELSE calls[c].step1Index

\* What step s proposes: propose_membership its target; the others next
\* coherent of the goal, both computed from the effective membership now.
\* Impl: MembershipCall.propose
CallTarget(c) ==
    IF calls[c].kind = "propose_membership" THEN Made(calls[c].target)
    ELSE ChangeTarget(EffectiveMembership(calls[c].node), calls[c].changes, calls[c].retain)

\* The reason a leader refuses target M, in the impl's check order
\* (leadership, then the commit guards, then coherence); "" if it accepts.
\* Impl: RaftNode.proposeMembership
RefusalOf(i, M) ==
    LET g == ProposeMembershipGuards(i, M) IN
    IF ~g.isLeader THEN "not_leader"
    ELSE IF ~(g.effectiveCommitted /\ g.ownTermCommitted) THEN "in_progress"
    ELSE IF ~g.coherent THEN "incoherent"
    ELSE IF ~g.valid THEN "invalid"
    ELSE ""

-----------------------------------------------------------------------------
(* The client actions *)

StartCallGuards(c, i, req) ==
    [newCallId |-> ~IsCall(c),
     isServer  |-> i \in Server,
     knownKind |-> req.kind \in Kinds]

\* A client starts call c at node i.
\* Impl: MembershipCall.start
StartCall(c, i, req) ==
    /\ AllTrue(StartCallGuards(c, i, req))
    /\ calls' = calls @@ (c :> NewCall(i, req))
    /\ UNCHANGED vars

\* The guards every attempt of step s shares: the call's node leads, the
\* guarded kind's expectation holds, the changes make a target and the
\* attempt is for that target M.
AttemptGuards(c, s, M) ==
    LET tgt == CallTarget(c) IN
    [isCall        |-> TRUE,
     proposing     |-> Proposing(c) /\ calls[c].refused = "",
     stepIsNext    |-> s = ProposingStep(c),
     callNodeLeads |-> role[calls[c].node] = Leader,
     guardHolds    |-> GuardHolds(c, s),
     changesValid  |-> tgt.ok,
     isCallTarget  |-> M = tgt.mem]

CallProposeMembershipGuards(c, s, M) ==
    IF ~IsCall(c) THEN [isCall |-> FALSE]
    ELSE AttemptGuards(c, s, M) @@ ProposeMembershipGuards(calls[c].node, M)

\* Step s of call c proposes M and the leader appends it (ProposeMembership).
\* Impl: MembershipCall.propose
CallProposeMembership(c, s, M) ==
    LET i == calls[c].node IN
    /\ AllTrue(CallProposeMembershipGuards(c, s, M))
    /\ ProposeMembership(i, M)
    /\ calls' = [calls EXCEPT ![c].phase = "await", ![c].step = s,
                              ![c].index = Len(log[i]) + 1, ![c].term = currentTerm[i], ![c].mem = M,
                              ![c].step1Index = IF s = 1 THEN Len(log[i]) + 1 ELSE @]

CallProposeRefusedGuards(c, s, M, reason) ==
    IF ~IsCall(c) THEN [isCall |-> FALSE]
    ELSE AttemptGuards(c, s, M) @@
         [leaderRefuses |-> reason \in {"in_progress", "incoherent", "invalid"} /\ reason = RefusalOf(calls[c].node, M)]

\* The leader refuses step s's target M: in_progress keeps the call
\* retrying; any other reason ends it with invalid_change next.
\* Impl: MembershipCall.propose
CallProposeRefused(c, s, M, reason) ==
    /\ AllTrue(CallProposeRefusedGuards(c, s, M, reason))
    /\ calls' = [calls EXCEPT ![c].phase = "propose", ![c].step = s,
                              ![c].refused = IF reason = "in_progress" THEN "" ELSE reason]
    /\ UNCHANGED vars

\* Why call c may end with result r reporting M (one guard record per result).
EndCallGuards(c, r, M) ==
    IF ~IsCall(c) THEN [isCall |-> FALSE]
    ELSE
    LET x == calls[c]
        i == x.node
        open == x.phase /= "done"
        attempt == Proposing(c) /\ x.refused = ""
    IN
    CASE r = "ok" ->
            [isCall |-> TRUE, open |-> open,
             awaitsCommit    |-> x.phase = "await",
             entryCommitted  |-> x.phase = "await" /\ EntryCommitted(c),
             finalStep       |-> ~NeedsStep2(c),
             reportsProposed |-> M = x.mem]
      [] r = "not_leader" ->
            [isCall |-> TRUE, open |-> open,
             lostLeadership  |-> \/ Proposing(c) /\ role[i] /= Leader
                                 \/ x.phase = "await" /\ (~EntryCommitted(c) \/ EntryUnknown(c))
                                    /\ (role[i] /= Leader \/ currentTerm[i] /= x.term),
             reportsNothing  |-> M = NoMembership]
      [] r = "precondition_failed" ->
            [isCall |-> TRUE, open |-> open, proposing |-> attempt,
             callNodeLeads   |-> role[i] = Leader,
             guarded         |-> x.kind = "change_membership_if",
             guardFails      |-> ~GuardHolds(c, ProposingStep(c)),
             reportsNothing  |-> M = NoMembership]
      [] r = "invalid_change" ->
            [isCall |-> TRUE, open |-> open,
             proposing       |-> Proposing(c),
             callNodeLeads   |-> role[i] = Leader,
             guardHolds      |-> GuardHolds(c, ProposingStep(c)),
             invalidOrRefused |-> IF x.refused /= "" THEN TRUE ELSE ~CallTarget(c).ok,
             reportsNothing  |-> M = NoMembership]
      [] OTHER -> [isCall |-> TRUE, knownResult |-> FALSE]

\* Call c ends with result r; an ok call reports M, the membership of its
\* last proposed entry, once that entry is committed on its node.
\* Impl: MembershipCall.finish
EndCall(c, r, M) ==
    /\ AllTrue(EndCallGuards(c, r, M))
    /\ calls' = [calls EXCEPT ![c].phase = "done", ![c].result = r, ![c].reported = M]
    /\ UNCHANGED vars

-----------------------------------------------------------------------------
(* For model checking: the steps call c may take next. *)

CallNext(c) ==
    /\ IsCall(c)
    /\ calls[c].phase /= "done"
    /\ \/ \E s \in {1, 2} :
             LET tgt == CallTarget(c) IN
             \/ CallProposeMembership(c, s, tgt.mem)
             \/ CallProposeRefused(c, s, tgt.mem, RefusalOf(calls[c].node, tgt.mem))
       \/ EndCall(c, "ok", calls[c].mem)
       \/ \E r \in Results \ {"ok"} : EndCall(c, r, NoMembership)

\* Every call starts with the ids, nodes and requests of Requests
\* (id -> [node, req]); they start in any order, at any time.
ClientNext(Requests) ==
    \/ \E c \in DOMAIN Requests : StartCall(c, Requests[c].node, Requests[c].req)
    \/ \E c \in DOMAIN calls : CallNext(c)

-----------------------------------------------------------------------------
(* Properties of calls *)

\* Every ok call reported the membership of its last proposed entry.
OkReportsProposed ==
    \A c \in DOMAIN calls : calls[c].result = "ok" => calls[c].reported = calls[c].mem

=============================================================================
