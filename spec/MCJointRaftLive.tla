-------------------------- MODULE MCJointRaftLive --------------------------
(***************************************************************************)
(* Liveness of membership calls: on a fault-free network (no drops, no     *)
(* duplicates, no restarts) with fair message delivery and fair leader and *)
(* client steps, every call of MCJointRaftCalls ends (Termination).        *)
(*                                                                         *)
(* The steps are MCJointRaftCalls' wrappers with two changes, so that weak *)
(* fairness means what it says:                                            *)
(*  * the bag bound MCConstraint is part of every server step (a step that *)
(*    would exceed it is not enabled; TLC's ENABLED ignores CONSTRAINT, so  *)
(*    the cfgs have no CONSTRAINT: TLC warns that one is "dangerous" with   *)
(*    liveness, and here it would be redundant);                            *)
(*  * a leader replicates by sending j the one entry after matchIndex[i][j]*)
(*    (no heartbeats and no other slices: a fair but useless heartbeat     *)
(*    loop would otherwise satisfy WF of "some SendAppendEntries").        *)
(* Timeouts stay bounded (MaxTimeouts), so elections end.  No VIEW and no  *)
(* SYMMETRY: TLC 2.18 accepts a VIEW with PROPERTY silently (MCCallsView:  *)
(* 4,011 states instead of 4,155) and builds the behaviour graph on view   *)
(* fingerprints, which is sound only if merged states have the same        *)
(* futures; symmetry needs model values (the servers are ints) and TLC     *)
(* itself warns it may hide liveness violations.  The model is small.      *)
(***************************************************************************)
EXTENDS MCJointRaftCalls

liveVars == <<vars, calls, mcGhosts, ghostVars>>

\* Leader i sends j the entry after what j is known to hold.
SendNextEntry(i, j) ==
    /\ role[i] = Leader
    /\ j \in Members(EffectiveMembership(i)) \ {i}
    /\ matchIndex[i][j] < Len(log[i])
    /\ SendAppendEntries(i, j, matchIndex[i][j], matchIndex[i][j] + 1)

\* The fault-free server steps, each within the bag bound.
LTimeout       == Running /\ TimeoutStep /\ CallsFrame /\ MCConstraint' /\ Fired("Timeout")
LRequestVote   == Running /\ SendRequestVoteStep /\ CallsFrame /\ MCConstraint' /\ Fired("SendRequestVote")
LHandleVote    == Running /\ HandleRequestVoteStep /\ CallsFrame /\ MCConstraint' /\ Fired("HandleRequestVote")
LHandleVoteResponse ==
    Running /\ HandleRequestVoteResponseStep /\ CallsFrame /\ MCConstraint' /\ Fired("HandleRequestVoteResponse")
LBecomeLeader  == Running /\ BecomeLeaderStep /\ CallsFrame /\ MCConstraint' /\ Fired("BecomeLeader")
LReplicate     == Running /\ (\E i, j \in Server : SendNextEntry(i, j)) /\ UNCHANGED mcGhosts
                          /\ CallsFrame /\ MCConstraint' /\ Fired("SendAppendEntries")
LHandleAppend  == Running /\ HandleAppendEntriesStep /\ CallsFrame /\ MCConstraint' /\ Fired("HandleAppendEntries")
LHandleAppendResponse ==
    Running /\ HandleAppendEntriesResponseStep /\ CallsFrame /\ MCConstraint' /\ Fired("HandleAppendEntriesResponse")
LCommit        == Running /\ AdvanceCommitIndexStep /\ CallsFrame /\ MCConstraint' /\ Fired("AdvanceCommitIndex")
LStepDown      == Running /\ StepDownStep /\ CallsFrame /\ MCConstraint' /\ Fired("StepDown")

LiveNext ==
    \/ LTimeout \/ LRequestVote \/ LHandleVote \/ LHandleVoteResponse \/ LBecomeLeader
    \/ LReplicate \/ LHandleAppend \/ LHandleAppendResponse \/ LCommit \/ LStepDown
    \/ StartCallStep \/ CallProposeMembershipStep \/ CallProposeRefusedStep \/ EndCallStep

\* Fairness is stated over the steps without the ghosts' frames, with the
\* subscript allVars (the spec's variables and the calls), since TLC
\* evaluates ENABLED of each fairness action in every state and the ghosts'
\* frames make that very slow; every bound of LiveNext's steps is kept,
\* so "enabled" here means LiveNext can take the step.  A send is within
\* the bag bound exactly when the bag is empty (MaxInFlight = 1).
BagEmpty == DOMAIN messages = {}

FTimeout       == Running /\ TimeoutStep /\ UNCHANGED calls
FRequestVote   == Running /\ BagEmpty /\ SendRequestVoteStep /\ UNCHANGED calls
FHandleVote    == Running /\ HandleRequestVoteStep /\ UNCHANGED calls
FHandleVoteResponse == Running /\ HandleRequestVoteResponseStep /\ UNCHANGED calls
FBecomeLeader  == Running /\ BecomeLeaderStep /\ UNCHANGED calls
FReplicate     == Running /\ BagEmpty /\ (\E i, j \in Server : SendNextEntry(i, j)) /\ UNCHANGED calls
FHandleAppend  == Running /\ HandleAppendEntriesStep /\ UNCHANGED calls
FHandleAppendResponse == Running /\ HandleAppendEntriesResponseStep /\ UNCHANGED calls
FCommit        == Running /\ AdvanceCommitIndexStep /\ UNCHANGED calls
FStepDown      == Running /\ StepDownStep /\ UNCHANGED calls
FStartCall     == Running /\ \E c \in DOMAIN Requests \ DOMAIN calls :
                      StartCall(c, Requests[c].node, AtStart(Requests[c].node, Requests[c].req))
FPropose       == Running /\ \E c \in Open :
                      /\ \E s \in {1, 2} : CallProposeMembership(c, s, CallTarget(c).mem)
                      /\ Len(log'[calls[c].node]) <= MaxLogLen
FEndCall(c)    == Running /\ c \in Open /\
                      \/ EndCall(c, "ok", calls[c].mem)
                      \/ \E r \in Results \ {"ok"} : EndCall(c, r, NoMembership)

\* Weak fairness of every step but the refusal (a refusal changes nothing
\* for in_progress and is followed by EndCall otherwise); each call's end
\* is fair on its own.
ServerFairness ==
    /\ WF_allVars(FTimeout) /\ WF_allVars(FRequestVote) /\ WF_allVars(FHandleVote)
    /\ WF_allVars(FHandleVoteResponse) /\ WF_allVars(FBecomeLeader)
    /\ WF_allVars(FHandleAppend) /\ WF_allVars(FHandleAppendResponse)
    /\ WF_allVars(FCommit) /\ WF_allVars(FStepDown)

\* The client steps' fairness is written out as <>[]P => []<><<A>>_allVars
\* with P the step's enabling condition read off its guard records (every
\* action requires AllTrue of its guards and is otherwise a deterministic
\* assignment, so P is exactly ENABLED A): TLC's ENABLED evaluation of the
\* membership algebra took over a second per state.
StartEnabled   == Running /\ DOMAIN Requests \ DOMAIN calls /= {}
ProposeEnabled == Running /\ \E c \in Open : \E s \in {1, 2} :
                      /\ AllTrue(CallProposeMembershipGuards(c, s, CallTarget(c).mem))
                      /\ Len(log[calls[c].node]) < MaxLogLen
EndEnabled(c)  == Running /\ c \in Open /\
                      \/ AllTrue(EndCallGuards(c, "ok", calls[c].mem))
                      \/ \E r \in Results \ {"ok"} : AllTrue(EndCallGuards(c, r, NoMembership))

ClientFairness ==
    /\ <>[]StartEnabled => []<><<FStartCall>>_allVars
    /\ <>[]ProposeEnabled => []<><<FPropose>>_allVars
    /\ \A c \in DOMAIN Requests : <>[]EndEnabled(c) => []<><<FEndCall(c)>>_allVars

LiveSpec == MCCallsInit /\ [][LiveNext]_liveVars /\ ServerFairness /\ WF_allVars(FReplicate) /\ ClientFairness

\* The same without fairness of replication: a leader may stop sending, so a
\* call whose entry needs another node's copy waits for ever.  Termination
\* must FAIL here (MCJointRaftLive_unfair.cfg): the fairness above is needed.
UnfairReplicationSpec == MCCallsInit /\ [][LiveNext]_liveVars /\ ServerFairness /\ ClientFairness

\* Every call ends: eventually both calls are done.
Termination == <>AllEnded

=============================================================================
