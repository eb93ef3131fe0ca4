---------------------------- MODULE MCJointRaft ----------------------------
(***************************************************************************)
(* Model checking of JointRaft: the bootstrap membership and the targets   *)
(* a leader may propose come from cfg constants, and MCNext bounds terms,  *)
(* log growth, membership changes, restarts and batch sizes.  The bag is   *)
(* bounded by MCConstraint.  No symmetry: the bootstrap membership and the *)
(* targets tell the servers apart.                                         *)
(***************************************************************************)
EXTENDS JointRaft, TLC

CONSTANTS
    BootstrapVoters,       \* the voter set of the (uniform) bootstrap membership
    BootstrapLearners,     \* its learners
    TargetConfigs,         \* voter sets the targets are built from
    TargetLearners,        \* learner sets the targets may carry
    MaxTerm,               \* no Timeout beyond this term
    MaxTimeouts,           \* Timeouts in a behaviour, all servers together
    MaxLogLen,             \* no append beyond this length
    MaxMembershipChanges,  \* member entries in a log, the bootstrap entry aside
    MaxClientRequests,     \* normal entries in a log
    MaxRestarts,           \* restarts in a behaviour
    MaxAppendBatch,        \* entries in one AppendEntries
    MaxInFlight,           \* distinct messages in the bag
    MaxCopies              \* copies of one message in the bag

VARIABLES
    timeouts,              \* Timeouts so far (model checking only)
    restarts               \* Restarts so far (model checking only)

MCBootstrap == [configs |-> <<BootstrapVoters>>, learners |-> BootstrapLearners]

\* The targets leader i may propose: a uniform config, or a joint one that
\* keeps the last config of its effective membership first (the shape the
\* impl's "next coherent" rule produces, adding a config E lacks; pivots and
\* reverts included, mere reorderings left out).  The
\* coherence guard of ProposeMembership still decides which are allowed.
MCTargets(i) ==
    LET E    == EffectiveMembership(i)
        last == E.configs[Len(E.configs)]
    IN  {M \in {[configs |-> <<c>>, learners |-> l] : c \in TargetConfigs, l \in TargetLearners}
                \cup {[configs |-> <<last, c>>, learners |-> l] :
                          c \in TargetConfigs \ {E.configs[k] : k \in DOMAIN E.configs}, l \in TargetLearners} :
            ValidMembership(M) /\ M /= E}

Count(lg, kind) == Cardinality({k \in DOMAIN lg : lg[k].kind = kind})

CanAppend(i) == Len(log[i]) < MaxLogLen

MCInit == Init /\ timeouts = 0 /\ restarts = 0

\* A leader proposes one of MCTargets (the model's only source of membership
\* changes; MCJointRaftCalls replaces it with calls).
MCProposeNext ==
    \E i \in Server : /\ role[i] = Leader /\ CanAppend(i)
                     /\ Count(log[i], "member") <= MaxMembershipChanges
                     /\ \E M \in MCTargets(i) : ProposeMembership(i, M)

\* Every bounded server step but a proposal; it keeps timeouts and restarts up to date.
MCServerNext ==
    \/ /\ timeouts < MaxTimeouts
       /\ \E i \in Server : currentTerm[i] < MaxTerm /\ Timeout(i)
       /\ timeouts' = timeouts + 1
       /\ UNCHANGED restarts
    \/ /\ \/ \E i \in Server : role[i] = Candidate /\
                \* only voters whose vote it has not got yet
                \E j \in Voters(EffectiveMembership(i)) \ votesGranted[i] : SendRequestVote(i, j)
          \/ \E m \in DOMAIN messages : HandleRequestVote(m.dest, m)
          \/ \E m \in DOMAIN messages : HandleRequestVoteResponse(m.dest, m)
          \/ \E i \in Server : CanAppend(i) /\ BecomeLeader(i)
          \/ \E i \in Server : /\ role[i] = Leader /\ CanAppend(i)
                              /\ Count(log[i], "normal") < MaxClientRequests
                              /\ ClientRequest(i)
          \/ \E i \in Server : role[i] = Leader /\
                \* from what j is known to hold, or from the end of the log
                \E j \in Members(EffectiveMembership(i)) \ {i} :
                \E prev \in {matchIndex[i][j], Len(log[i])} \cap 0..Len(log[i]) :
                    \E last \in prev..Min(Len(log[i]), prev + MaxAppendBatch) :
                        \* an empty one only as a heartbeat from the end of the log
                        /\ last = prev => prev = Len(log[i])
                        /\ SendAppendEntries(i, j, prev, last)
          \/ \E m \in DOMAIN messages : HandleAppendEntries(m.dest, m)
          \/ \E m \in DOMAIN messages : HandleAppendEntriesResponse(m.dest, m)
          \/ \E i \in Server : role[i] = Leader /\
                \E n \in commitIndex[i] + 1 .. Len(log[i]) : AdvanceCommitIndex(i, n)
          \/ \E i \in Server : StepDown(i)
          \/ \E m \in DOMAIN messages : DropMessage(m)
          \/ \E m \in DOMAIN messages : messages[m] < MaxCopies /\ DuplicateMessage(m)
       /\ UNCHANGED <<timeouts, restarts>>
    \/ /\ restarts < MaxRestarts
       /\ \E i \in Server : Restart(i)
       /\ restarts' = restarts + 1
       /\ UNCHANGED timeouts

MCNext ==
    \/ MCServerNext
    \/ MCProposeNext /\ UNCHANGED <<timeouts, restarts>>

\* Sound state abstraction: votesGranted of a non-candidate and matchIndex of
\* a non-leader are never read again (Timeout and BecomeLeader reset them).
MCView ==
    <<currentTerm, votedFor, log, role, commitIndex,
      [i \in Server |-> IF role[i] = Candidate THEN votesGranted[i] ELSE {}],
      [i \in Server |-> IF role[i] = Leader THEN matchIndex[i] ELSE <<>>],
      messages, timeouts, restarts>>

\* Sending a message already in flight adds a copy, so copies are bounded here too.
MCConstraint ==
    /\ Cardinality(DOMAIN messages) <= MaxInFlight
    /\ \A m \in DOMAIN messages : messages[m] <= MaxCopies

=============================================================================
