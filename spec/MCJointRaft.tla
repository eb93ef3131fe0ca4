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
    MaxLogLen,             \* no append beyond this length
    MaxMembershipChanges,  \* member entries in a log, the bootstrap entry aside
    MaxClientRequests,     \* normal entries in a log
    MaxRestarts,           \* restarts in a behaviour
    MaxAppendBatch,        \* entries in one AppendEntries
    MaxInFlight,           \* distinct messages in the bag
    MaxCopies              \* copies of one message in the bag

VARIABLE restarts          \* restarts so far (model checking only)

MCBootstrap == [configs |-> <<BootstrapVoters>>, learners |-> BootstrapLearners]

\* Every valid joint or uniform membership built from the targets; the
\* coherence guard of ProposeMembership picks those reachable in one step.
MCTargets ==
    {M \in [configs : {<<a>> : a \in TargetConfigs}
                        \cup {<<a, b>> : a, b \in TargetConfigs},
            learners : TargetLearners] :
        ValidMembership(M) /\ (Len(M.configs) = 2 => M.configs[1] /= M.configs[2])}

Count(lg, kind) == Cardinality({k \in DOMAIN lg : lg[k].kind = kind})

CanAppend(i) == Len(log[i]) < MaxLogLen

MCInit == Init /\ restarts = 0

MCNext ==
    \/ /\ \/ \E i \in Server : currentTerm[i] < MaxTerm /\ Timeout(i)
          \/ \E i \in Server : role[i] = Candidate /\
                \E j \in Voters(EffectiveMembership(i)) : RequestVote(i, j)
          \/ \E m \in DOMAIN messages : HandleRequestVote(m.dest, m)
          \/ \E m \in DOMAIN messages : HandleRequestVoteResponse(m.dest, m)
          \/ \E i \in Server : CanAppend(i) /\ BecomeLeader(i)
          \/ \E i \in Server : /\ role[i] = Leader /\ CanAppend(i)
                              /\ Count(log[i], "normal") < MaxClientRequests
                              /\ ClientRequest(i)
          \/ \E i \in Server : /\ role[i] = Leader /\ CanAppend(i)
                              /\ Count(log[i], "member") <= MaxMembershipChanges
                              /\ \E M \in MCTargets : ProposeMembership(i, M)
          \/ \E i \in Server : role[i] = Leader /\
                \E j \in Members(EffectiveMembership(i)) \ {i}, prev \in 0..Len(log[i]) :
                    \E last \in prev..Min(Len(log[i]), prev + MaxAppendBatch) :
                        AppendEntries(i, j, prev, last)
          \/ \E m \in DOMAIN messages : HandleAppendEntries(m.dest, m)
          \/ \E m \in DOMAIN messages : HandleAppendEntriesResponse(m.dest, m)
          \/ \E i \in Server : role[i] = Leader /\
                \E n \in commitIndex[i] + 1 .. Len(log[i]) : AdvanceCommitIndex(i, n)
          \/ \E i \in Server : StepDown(i)
          \/ \E m \in DOMAIN messages : DropMessage(m)
          \/ \E m \in DOMAIN messages : messages[m] < MaxCopies /\ DuplicateMessage(m)
       /\ UNCHANGED restarts
    \/ /\ restarts < MaxRestarts
       /\ \E i \in Server : Restart(i)
       /\ restarts' = restarts + 1

MCConstraint == Cardinality(DOMAIN messages) <= MaxInFlight

=============================================================================
