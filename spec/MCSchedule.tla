---------------------------- MODULE MCSchedule -----------------------------
(***************************************************************************)
(* Guided model checking of JointRaft: Next follows the cfg constant       *)
(* Schedule, one step at a time, so TLC explores a single behaviour of a   *)
(* few dozen states.  It exists for violations too deep for breadth-first  *)
(* search (docs/spec.md, "Guided negative checks").  Each step is an       *)
(* action of JointRaft with its parameters; handlers name the receiver and *)
(* the sender and take a matching message from the bag.  When a step's     *)
(* guards are false the behaviour simply stops there (no deadlock check):  *)
(* on the real spec a schedule that needs a broken rule stops at that      *)
(* rule, and the invariants of JointRaft are checked in every state.      *)
(*                                                                         *)
(* Steps:  <<"Timeout", i>>  <<"SendRequestVote", i, j>>                  *)
(*   <<"HandleRequestVote", i, j>>  <<"HandleRequestVoteResponse", i, j>>  *)
(*   <<"BecomeLeader", i>>  <<"ClientRequest", i>>                         *)
(*   <<"ProposeMembership", i, k>>  (k: index into Targets)               *)
(*   <<"SendAppendEntries", i, j, prev, last>>                             *)
(*   <<"HandleAppendEntries", i, j>>  <<"HandleAppendEntriesResponse", i, j>> *)
(*   <<"AdvanceCommitIndex", i, n>>  <<"StepDown", i>>  <<"Restart", i>>   *)
(*   <<"DropMessage", i, j>>  (a message from j to i)                      *)
(***************************************************************************)
EXTENDS JointRaft, TLC

CONSTANTS
    BootstrapVoters,  \* the voter set of the (uniform, learner-free) bootstrap membership
    Targets,          \* a sequence; Targets[k] is the configs sequence of target k (no learners)
    Schedule          \* a sequence of steps, as above

VARIABLE
    step              \* the index in Schedule of the next step

MCBootstrap == [configs |-> <<BootstrapVoters>>, learners |-> {}]

Target(k) == [configs |-> Targets[k], learners |-> {}]

\* How many elements each kind of step has (its name included).
Arity == [Timeout |-> 2, SendRequestVote |-> 3, HandleRequestVote |-> 3,
          HandleRequestVoteResponse |-> 3, BecomeLeader |-> 2, ClientRequest |-> 2,
          ProposeMembership |-> 3, SendAppendEntries |-> 5, HandleAppendEntries |-> 3,
          HandleAppendEntriesResponse |-> 3, AdvanceCommitIndex |-> 3, StepDown |-> 2,
          Restart |-> 2, DropMessage |-> 3]

\* Malformed schedules fail loudly, naming the step, rather than just stopping.
WellFormed(k) ==
    LET s == Schedule[k] IN
    /\ Assert(s[1] \in DOMAIN Arity, <<"MCSchedule: unknown step kind at Schedule index", k, s>>)
    /\ Assert(Len(s) = Arity[s[1]], <<"MCSchedule: wrong number of parameters at Schedule index", k, s>>)
    /\ Assert(s[1] /= "ProposeMembership" \/ s[3] \in DOMAIN Targets,
              <<"MCSchedule: no such target at Schedule index", k, s>>)

\* The messages in flight of type t from j to i.
From(i, j, t) == {m \in DOMAIN messages : m.type = t /\ m.dest = i /\ m.source = j}

Do(s) ==
    LET a == s[1] IN
    CASE a = "Timeout"                     -> Timeout(s[2])
      [] a = "SendRequestVote"             -> SendRequestVote(s[2], s[3])
      [] a = "HandleRequestVote"           -> \E m \in From(s[2], s[3], "RequestVote") :
                                                  HandleRequestVote(s[2], m)
      [] a = "HandleRequestVoteResponse"   -> \E m \in From(s[2], s[3], "RequestVoteResponse") :
                                                  HandleRequestVoteResponse(s[2], m)
      [] a = "BecomeLeader"                -> BecomeLeader(s[2])
      [] a = "ClientRequest"               -> ClientRequest(s[2])
      [] a = "ProposeMembership"           -> ProposeMembership(s[2], Target(s[3]))
      [] a = "SendAppendEntries"           -> SendAppendEntries(s[2], s[3], s[4], s[5])
      [] a = "HandleAppendEntries"         -> \E m \in From(s[2], s[3], "AppendEntries") :
                                                  HandleAppendEntries(s[2], m)
      [] a = "HandleAppendEntriesResponse" -> \E m \in From(s[2], s[3], "AppendEntriesResponse") :
                                                  HandleAppendEntriesResponse(s[2], m)
      [] a = "AdvanceCommitIndex"          -> AdvanceCommitIndex(s[2], s[3])
      [] a = "StepDown"                    -> StepDown(s[2])
      [] a = "Restart"                     -> Restart(s[2])
      [] a = "DropMessage"                 -> \E m \in DOMAIN messages :
                                                  m.dest = s[2] /\ m.source = s[3] /\ DropMessage(m)

ScheduleInit == Init /\ step = 1

ScheduleNext ==
    /\ step <= Len(Schedule)
    /\ WellFormed(step)
    /\ Do(Schedule[step])
    /\ step' = step + 1

=============================================================================
