------------------------- MODULE MCJointRaftSearch -------------------------
(***************************************************************************)
(* Search models for variants whose counterexamples are too deep for the   *)
(* suite cfgs (docs/spec.md, "Search cfgs").  The same bounded steps as    *)
(* MCJointRaft (MCNext, its bounds and Fired), with uniform restrictions   *)
(* that cut interleavings, never a step order (a cfg lists the ones it     *)
(* uses):                                                                  *)
(*   SearchConstraint  only the Campaigners may time out (the others vote  *)
(*                     and follow); MCConstraint's bag bounds;             *)
(*   QuietNetwork      (for MaxInFlight = 1) while a message is in flight  *)
(*                     the next step takes it out (its handler, or a lost  *)
(*                     response): a node acts on its own (Timeout,         *)
(*                     BecomeLeader, commit) only between RPCs;            *)
(*   ReliableRequests  a request (RequestVote, AppendEntries) is not lost; *)
(*   NoCandidateRetry  a candidate does not time out again (no split-vote  *)
(*                     retry): only a follower starts a campaign;          *)
(*   ReliableNetwork   no message is lost at all (responses neither);      *)
(*   NoHeartbeat       every AppendEntries carries entries;                *)
(*   FullBatches       every AppendEntries carries all it may (the log     *)
(*                     from prev to its end, at most MaxAppendBatch);      *)
(*   LeaderRestartsOnly  only a leader crashes and restarts.               *)
(* SearchView leaves the history ghosts (leaders, committedLog) out, so    *)
(* the search cfgs list state invariants only.  Every behaviour here is a  *)
(* behaviour of MCJointRaft with the same bounds and bootstrap.  A cfg may *)
(* also start from JointBootstrap, a joint bootstrap membership, which     *)
(* stands for a committed first joint step (a state MCJointRaft reaches    *)
(* from the uniform bootstrap BootstrapVoters).  SearchConfigsOnCorrect-   *)
(* SpecTest runs each MCJointRaftSearch_*.cfg on the real spec.            *)
(***************************************************************************)
EXTENDS MCJointRaft

CONSTANT Campaigners   \* the servers that may time out

SearchConstraint ==
    /\ MCConstraint
    /\ \A i \in Server \ Campaigners : role[i] = Follower

QuietNetwork ==
    DOMAIN messages /= {} => messages' /= messages

ReliableRequests ==
    ~\E m \in DOMAIN messages :
        /\ m.type \in {"RequestVote", "AppendEntries"}
        /\ messages' = Discard(m, messages)
        /\ UNCHANGED <<currentTerm, votedFor, log, role, commitIndex, votesGranted, matchIndex>>

NoCandidateRetry ==
    \A i \in Server : role[i] = Candidate => ~(role'[i] = Candidate /\ currentTerm'[i] > currentTerm[i])

\* Only a leader crashes (a follower's or a candidate's restart only loses
\* its commit index and votes).
LeaderRestartsOnly ==
    restarts' /= restarts => \E i \in Server : role[i] = Leader /\ role'[i] = Follower

\* No message is lost (requests nor responses): a step that only takes m out
\* of the bag is m's handler (handling a stale response changes nothing else).
ReliableNetwork ==
    \A m \in DOMAIN messages :
        DropMessage(m) => \/ HandleRequestVoteResponse(m.dest, m)
                          \/ HandleAppendEntriesResponse(m.dest, m)

\* Every AppendEntries carries entries: no heartbeat.
NoHeartbeat ==
    \A m \in DOMAIN messages' \ DOMAIN messages : m.type = "AppendEntries" => m.entries /= <<>>

\* Every AppendEntries carries as many entries as it may: the leader's log
\* from prev to its end, or MaxAppendBatch of them.
FullBatches ==
    \A m \in DOMAIN messages' \ DOMAIN messages :
        m.type = "AppendEntries" =>
            m.prevLogIndex + Len(m.entries) = Min(Len(log[m.source]), m.prevLogIndex + MaxAppendBatch)

\* A joint bootstrap [BootstrapVoters, Server] (cfg: Bootstrap <- JointBootstrap).
JointBootstrap == [configs |-> <<BootstrapVoters, Server>>, learners |-> BootstrapLearners]

\* MCView without the history ghosts (timeouts and restarts bound steps: kept).
SearchView ==
    <<currentTerm, votedFor, log, role, commitIndex,
      [i \in Server |-> IF role[i] = Candidate THEN votesGranted[i] ELSE {}],
      [i \in Server |-> IF role[i] = Leader THEN matchIndex[i] ELSE <<>>],
      messages, snapshot, timeouts, restarts>>

=============================================================================
