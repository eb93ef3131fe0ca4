--------------------------- MODULE TraceJointRaft ---------------------------
(***************************************************************************)
(* Trace validation of JointRaft.  A behaviour of this module replays one  *)
(* trace of Traces: the cursor l points at the next event, the event fixes *)
(* the one JointRaft action it stands for and all of its parameters, and   *)
(* after the step the node's spec state must equal the post-state the      *)
(* event logged (and the message it sent, the entry it appended).  So      *)
(* every state has at most one successor: the validator runs TLC in        *)
(* simulation mode with one behaviour as deep as the traces, which is      *)
(* then the whole replay, and no state is fingerprinted or stored (in      *)
(* model-checking mode, where VIEW <<t, l, probed>> is sound for the same  *)
(* reason, TLC still normalises every whole state: O(log size) an event).  *)
(*                                                                         *)
(* A trace is accepted when l passes its last event (AcceptedMarker        *)
(* prints the trace's number).  Several traces with the same header are    *)
(* replayed in one run, one after the other: NextTrace restarts from Init. *)
(*                                                                         *)
(* With Diagnose = TRUE (one trace), Probe fires where no event step is    *)
(* possible: it prints the event's guard record and the node's spec        *)
(* state, and takes the action without the post-state checks, so that      *)
(* DiagnosisReport can print which observed field differs.                 *)
(*                                                                         *)
(* The checks made on every step are O(1) in the log length apart from     *)
(* JointRaft's own effect: election safety through a ghost map from term   *)
(* to leader, committed-prefix agreement on the newly committed entries    *)
(* only.  The full invariants of JointRaft are for model checking.         *)
(*                                                                         *)
(* Calls (schema version 2): a CallStart, CallEnd, and every proposal or   *)
(* refusal that names a call, is the client action of JointRaftClient with *)
(* the event's parameters, so a call is judged like a node: its id, its    *)
(* phase, the target each step computes, the result and the membership it  *)
(* reports.  A version-1 trace names no call on its proposals: its call    *)
(* events are stepped over (the validator warns that calls went unchecked).*)
(* A Crash puts its node down: it takes no step until its Restart.  The    *)
(* contract checks hold the impl to its choices in                          *)
(* docs/protocol-contract.md ("Impl choices") where the spec allows more.  *)
(***************************************************************************)
EXTENDS JointRaftClient, TLC

CONSTANTS
    TraceManifest,  \* a file naming the trace files of this run, one a line
    Diagnose,       \* TRUE: one trace, report why its first unmatched event fails
    DiagnoseAt,     \* with Diagnose: the index of that event, or 0 (unknown:
                    \* every state then pays for ENABLED TraceStep)
    CheckContract   \* TRUE: also check the impl's contract choices (ContractChecks)

\* Implemented in Java by org.jointraft.conformance.validate.TraceIO (a TLC
\* operator override that reuses trace-export's reader).  The bodies below run
\* only when TLC did not load the override: they stop the run and say why.
\* (PrintT as well as Assert: when TLC evaluates a constant substitution of
\* the cfg, such as Server <- TraceServer, it drops Assert's message.)
MissingOverride(name) ==
    LET why == name \o " has no Java override: run TLC with the jointraft jar"
               \o " (conformance-tests/target/jointraft.jar) on its classpath;"
               \o " it holds tlc2.overrides.TLCOverrides (see docs/validation.md)"
    IN  PrintT(why) /\ Assert(FALSE, why)

ReadTraceHeader(manifest) == MissingOverride("ReadTraceHeader")
ReadTraces(manifest)      == MissingOverride("ReadTraces")

TraceHeader    == ReadTraceHeader(TraceManifest)
TraceServer    == TraceHeader.nodes
TraceBootstrap == TraceHeader.bootstrap
Traces         == ReadTraces(TraceManifest)

\* Version 1 traces carry no call id on their proposals.
CheckCalls == TraceHeader.version >= 2

VARIABLES
    t,          \* the trace this behaviour replays
    l,          \* the index of its next event
    leaders,    \* ghost: term -> the node that became leader in that term
    committed,  \* ghost: the longest committed log prefix seen so far
    stepDownDue, \* ghost: the leader that must step down in its very next event, or 0
    down,       \* ghost: the nodes crashed and not restarted since
    probed,     \* diagnosis: the unmatched event's action was taken unchecked
    probe       \* diagnosis: what that unchecked step produced

Event == Traces[t][l]
Done  == l > Len(Traces[t])

NodeEvents == {"Timeout", "SendRequestVote", "HandleRequestVote",
               "IgnoreRequestVote", "HandleRequestVoteResponse", "BecomeLeader", "ClientRequest",
               "ProposeMembership", "ProposeMembershipRejected",
               "SendAppendEntries", "HandleAppendEntries",
               "HandleAppendEntriesResponse", "AdvanceCommitIndex", "StepDown",
               "Restart", "TakeSnapshot", "SendInstallSnapshot", "HandleInstallSnapshot"}
AppendEvents == {"BecomeLeader", "ClientRequest", "ProposeMembership"}
CallEvents   == {"CallStart", "CallEnd"}
ProposalEvents == {"ProposeMembership", "ProposeMembershipRejected"}

-----------------------------------------------------------------------------
(* Each event, its action and its guards                                   *)

\* The impl refused a proposal; the spec must refuse it for the same reason,
\* and no check the impl makes before that one may have failed (it checks
\* leadership, then the commit guards, then coherence: JointRaftClient's
\* RefusalOf).
RejectionGuards(e) ==
    LET g == ProposeMembershipGuards(e.node, e.membership)
        commitGuards == g.effectiveCommitted /\ g.ownTermCommitted
    IN
    CASE e.reason = "not_leader"  -> [specRefusesNotLeader |-> ~g.isLeader]
      [] e.reason = "in_progress" -> [isLeader |-> g.isLeader,
                                      specRefusesInProgress |-> ~commitGuards]
      [] e.reason = "incoherent"  -> [isLeader |-> g.isLeader, commitGuardsHeld |-> commitGuards,
                                      specRefusesIncoherent |-> ~g.coherent]
      [] e.reason = "invalid"     -> [specRefusesInvalid |-> ~g.valid]
      [] OTHER                    -> [knownReason |-> FALSE]

\* The last index of the slice an AppendEntries carries.
SliceEnd(m) == m.prevLogIndex + Len(m.entries)

\* A message as a trace logs it: an InstallSnapshot without its ghost prefix.
Visible(m) == IF m.type = "InstallSnapshot" THEN [f \in DOMAIN m \ {"prefix"} |-> m[f]] ELSE m

\* The message in flight that event message v stands for: v itself, or for an
\* InstallSnapshot the one with v's fields (all copies from one leader's one
\* snapshot share the prefix, so there is at most one); v when none is.
InBag(v) ==
    IF v.type /= "InstallSnapshot" THEN v
    ELSE LET like == {m \in DOMAIN messages : m.type = "InstallSnapshot" /\ Visible(m) = v}
         IN  IF like = {} THEN v ELSE CHOOSE m \in like : TRUE

\* The event is a client action: a call event, or a proposal a call made.
IsClientEvent(e) ==
    /\ CheckCalls
    /\ e.event \in CallEvents \/ (e.event \in ProposalEvents /\ e.call /= 0)

\* A call's events happen at the call's node.
CallNodeGuard(e) ==
    [atCallNode |-> e.event /= "CallStart" /\ IsCall(e.call) => calls[e.call].node = e.node]

\* A crashed node takes no step until it restarts (network events happen
\* to messages, not nodes).
\* (No disjunction: as a conjunct of an action TLC would take each true
\* disjunct as a step of its own, and the replay would fork.)
NodeUp(e) == ~(e.node \in down /\ e.event \notin {"Restart", "DropMessage", "DuplicateMessage"})
UpGuard(e) == [nodeUp |-> NodeUp(e)]

Request(e) ==
    [kind |-> e.kind, changes |-> e.changes, retain |-> e.retain, expected |-> e.expected, target |-> e.target]

ResultOf(e) == IF e.ok THEN "ok" ELSE e.error

\* The client action of a client event with the parameters the event fixes.
ClientEffect(e) ==
    \/ e.event = "CallStart" /\ StartCall(e.call, e.node, Request(e))
    \/ e.event = "CallEnd"   /\ EndCall(e.call, ResultOf(e), e.membership)
    \/ e.event = "ProposeMembership" /\ CallProposeMembership(e.call, e.step, e.entry.mem)
    \/ e.event = "ProposeMembershipRejected" /\ AllTrue(RejectionGuards(e))
                                          /\ CallProposeRefused(e.call, e.step, e.membership, e.reason)

\* The server action of event e with the parameters the event fixes.
ServerEffect(e) ==
    \/ e.event = "Timeout"                     /\ Timeout(e.node)
    \/ e.event = "SendRequestVote"             /\ SendRequestVote(e.node, e.msg.dest)
    \/ e.event = "HandleRequestVote"           /\ HandleRequestVote(e.node, e.msg)
    \/ e.event = "IgnoreRequestVote"           /\ IgnoreRequestVote(e.node, e.msg)
    \/ e.event = "HandleRequestVoteResponse"   /\ HandleRequestVoteResponse(e.node, e.msg)
    \/ e.event = "BecomeLeader"                /\ BecomeLeader(e.node)
    \/ e.event = "ClientRequest"               /\ ClientRequest(e.node)
    \/ e.event = "ProposeMembership"           /\ ProposeMembership(e.node, e.entry.mem)
    \/ e.event = "ProposeMembershipRejected"   /\ AllTrue(RejectionGuards(e)) /\ UNCHANGED vars
    \/ e.event = "SendAppendEntries"           /\ SendAppendEntries(e.node, e.msg.dest, e.msg.prevLogIndex, SliceEnd(e.msg))
    \/ e.event = "HandleAppendEntries"         /\ HandleAppendEntries(e.node, e.msg)
    \/ e.event = "HandleAppendEntriesResponse" /\ HandleAppendEntriesResponse(e.node, e.msg)
    \/ e.event = "AdvanceCommitIndex"          /\ AdvanceCommitIndex(e.node, e.commitIndex)
    \/ e.event = "StepDown"                    /\ StepDown(e.node)
    \/ e.event = "Restart"                     /\ Restart(e.node)
    \/ e.event = "DropMessage"                 /\ DropMessage(InBag(e.msg))
    \/ e.event = "DuplicateMessage"            /\ DuplicateMessage(InBag(e.msg))
    \/ e.event = "TakeSnapshot"                /\ TakeSnapshot(e.node, e.index)
    \/ e.event = "SendInstallSnapshot"         /\ SendInstallSnapshot(e.node, e.msg.dest)
    \/ e.event = "HandleInstallSnapshot"       /\ HandleInstallSnapshot(e.node, InBag(e.msg))
    \/ e.event = "Crash"                       /\ UNCHANGED vars

\* The spec action of event e with the parameters the event fixes.
Effect(e) ==
    /\ NodeUp(e)
    /\ IF IsClientEvent(e) THEN AllTrue(CallNodeGuard(e)) /\ ClientEffect(e)
       ELSE IF e.event \in CallEvents THEN UNCHANGED allVars
       ELSE ServerEffect(e) /\ UNCHANGED calls

\* The guard record of client event e's action (see JointRaftClient).
ClientGuards(e) ==
    CASE e.event = "CallStart"                 -> StartCallGuards(e.call, e.node, Request(e))
      [] e.event = "CallEnd"                   -> EndCallGuards(e.call, ResultOf(e), e.membership)
      [] e.event = "ProposeMembership"         -> CallProposeMembershipGuards(e.call, e.step, e.entry.mem)
      [] e.event = "ProposeMembershipRejected" -> CallProposeRefusedGuards(e.call, e.step, e.membership, e.reason)
                                                  @@ RejectionGuards(e)

\* The guard record of server event e's action (see JointRaft's <Action>Guards).
ServerGuards(e) ==
    CASE e.event = "Timeout"                     -> TimeoutGuards(e.node)
      [] e.event = "SendRequestVote"             -> SendRequestVoteGuards(e.node, e.msg.dest)
      [] e.event = "HandleRequestVote"           -> HandleRequestVoteGuards(e.node, e.msg)
      [] e.event = "IgnoreRequestVote"           -> IgnoreRequestVoteGuards(e.node, e.msg)
      [] e.event = "HandleRequestVoteResponse"   -> HandleRequestVoteResponseGuards(e.node, e.msg)
      [] e.event = "BecomeLeader"                -> BecomeLeaderGuards(e.node)
      [] e.event = "ClientRequest"               -> ClientRequestGuards(e.node)
      [] e.event = "ProposeMembership"           -> ProposeMembershipGuards(e.node, e.entry.mem)
      [] e.event = "ProposeMembershipRejected"   -> RejectionGuards(e)
      [] e.event = "SendAppendEntries"           -> SendAppendEntriesGuards(e.node, e.msg.dest, e.msg.prevLogIndex, SliceEnd(e.msg))
      [] e.event = "HandleAppendEntries"         -> HandleAppendEntriesGuards(e.node, e.msg)
      [] e.event = "HandleAppendEntriesResponse" -> HandleAppendEntriesResponseGuards(e.node, e.msg)
      [] e.event = "AdvanceCommitIndex"          -> AdvanceCommitIndexGuards(e.node, e.commitIndex)
      [] e.event = "StepDown"                    -> StepDownGuards(e.node)
      [] e.event = "Restart"                     -> RestartGuards(e.node)
      [] e.event = "DropMessage"                 -> DropMessageGuards(InBag(e.msg))
      [] e.event = "DuplicateMessage"            -> DuplicateMessageGuards(InBag(e.msg))
      [] e.event = "TakeSnapshot"                -> TakeSnapshotGuards(e.node, e.index)
      [] e.event = "SendInstallSnapshot"         -> SendInstallSnapshotGuards(e.node, e.msg.dest)
      [] e.event = "HandleInstallSnapshot"       -> HandleInstallSnapshotGuards(e.node, InBag(e.msg))
      [] e.event = "Crash"                       -> [isServer |-> e.node \in Server]
      [] OTHER                                   -> [callsUnchecked |-> TRUE]

\* The guard record of event e's action.
GuardsOf(e) ==
    UpGuard(e) @@ (IF IsClientEvent(e) THEN CallNodeGuard(e) @@ ClientGuards(e) ELSE ServerGuards(e))

-----------------------------------------------------------------------------
(* What the event logged must be what the spec did                         *)

Copies(m) == IF m \in DOMAIN messages THEN messages[m] ELSE 0

\* The step added one copy of m to the network.  Every action sends at most
\* one message, so this also says the spec sent no other one.
SentOne(m) == m \in DOMAIN messages' /\ messages'[m] = Copies(m) + 1

\* The same for a logged InstallSnapshot v (the sent one carries a prefix).
SentOneSnapshot(v) == \E m \in DOMAIN messages' : Visible(m) = v /\ messages'[m] = Copies(m) + 1

\* The logged entry is the one the spec appended, at the logged index.
Appended(e) == Len(log'[e.node]) = e.index /\ log'[e.node][e.index] = e.entry

\* The leader's matchIndex of the responder that a HandleAppendEntriesResponse
\* logged (0: none logged, as when it is 0 or the node is no leader).  It shows
\* what the post-state leaves out: which responses a leader counted.
LoggedMatch(e) == IF e.event = "HandleAppendEntriesResponse" THEN e.match ELSE 0

Matches(e) ==
    /\ e.event \in NodeEvents => ObservedState(e.node)' = e.state
    /\ e.event \in {"SendRequestVote", "SendAppendEntries"} => SentOne(e.msg)
    /\ e.event \in {"SendInstallSnapshot"} => SentOneSnapshot(e.msg)
    /\ e.event \in {"HandleRequestVote", "HandleAppendEntries", "HandleInstallSnapshot"} => SentOne(e.reply)
    /\ e.event \in AppendEvents => Appended(e)
    /\ LoggedMatch(e) > 0 => role'[e.node] = Leader /\ matchIndex'[e.node][e.msg.source] = LoggedMatch(e)

-----------------------------------------------------------------------------
(* Incremental safety checks (each event costs the same however long the logs are) *)

\* Election safety: no other node became leader in this term before.
ElectionSafeStep(e) ==
    e.event = "BecomeLeader" =>
        LET term == currentTerm[e.node]
        IN  term \in DOMAIN leaders => leaders[term] = e.node

\* Committed prefixes agree: the entries a node newly commits equal those
\* already known committed, and it commits only what its log holds.
CommitSafeStep(e) ==
    LET i == e.node
        from == commitIndex[i] + 1
        to == commitIndex'[i]
    IN  to >= from =>
            /\ to <= Len(log'[i])
            /\ \A k \in from .. Min(to, Len(committed)) : log'[i][k] = committed[k]

\* The impl promises (docs/protocol-contract.md) to check StepDown right after
\* its commit index moves as leader, in the same atomic step: so once a leader's
\* AdvanceCommitIndex leaves it outside the voters of its committed membership,
\* its StepDown must be the very next event.  The spec only allows StepDown;
\* without this a removed leader that keeps leading would pass as safe.
PromptStepDownStep(e) ==
    stepDownDue /= 0 => e.event = "StepDown" /\ e.node = stepDownDue

SafetyChecks(e) ==
    [electionSafety      |-> ElectionSafeStep(e),
     committedPrefixSafe |-> CommitSafeStep(e),
     promptStepDown      |-> PromptStepDownStep(e)]

-----------------------------------------------------------------------------
(* Contract checks: choices the impl promises (docs/protocol-contract.md,  *)
(* "Impl choices") where the spec allows any of several steps.  Each costs *)
(* the uncommitted suffix at most, not the log.                            *)

\* AdvanceCommitIndex takes the largest index the quorum allows: no own-term
\* entry above it is held by a quorum (RaftNode.advanceCommitIndex scans
\* down from the end of the log).
CommitsLargestIndex(e) ==
    e.event = "AdvanceCommitIndex" =>
        LET i == e.node
            eff == EffectiveMembership(i)
        IN  \A k \in e.commitIndex + 1 .. Len(log[i]) :
                ~(log[i][k].term = currentTerm[i] /\ IsQuorum(Agree(i, k), eff))

\* AppendEntries and snapshots go only to members of the sender's effective membership,
\* vote requests only to its voters.
RequestsToMembers(e) ==
    /\ e.event \in {"SendAppendEntries", "SendInstallSnapshot"} =>
           e.msg.dest \in Members(EffectiveMembership(e.node))
    /\ e.event = "SendRequestVote" => e.msg.dest \in Voters(EffectiveMembership(e.node))

ContractChecks(e) ==
    IF CheckContract
    THEN [commitsLargestIndex |-> CommitsLargestIndex(e),
          requestsToMembers   |-> RequestsToMembers(e)]
    ELSE [contractChecksOff |-> TRUE]

\* AllTrue(SafetyChecks(e)) /\ AllTrue(ContractChecks(e)), without building
\* the records (the replay evaluates it on every event; Probe reports the
\* records).  A check added to either record must be added here too.
ChecksHold(e) ==
    /\ ElectionSafeStep(e) /\ CommitSafeStep(e) /\ PromptStepDownStep(e)
    /\ CheckContract => CommitsLargestIndex(e) /\ RequestsToMembers(e)

UpdateGhosts(e) ==
    LET i == e.node IN
    /\ leaders' = IF e.event = "BecomeLeader" /\ currentTerm[i] \notin DOMAIN leaders
                  THEN leaders @@ (currentTerm[i] :> i)
                  ELSE leaders
    /\ committed' = IF commitIndex'[i] > Len(committed)
                    THEN committed \o SubSeq(log'[i], Len(committed) + 1, commitIndex'[i])
                    ELSE committed
    /\ stepDownDue' = IF /\ e.event = "AdvanceCommitIndex"
                         /\ i \notin Voters(CommittedMembership(i)')
                      THEN i ELSE 0
    /\ down' = CASE e.event = "Crash"   -> down \cup {i}
              [] e.event = "Restart" -> down \ {i}
              [] OTHER               -> down

-----------------------------------------------------------------------------
(* The behaviours                                                          *)

NoProbe == [sent |-> {}, safety |-> [ok |-> TRUE], contract |-> [ok |-> TRUE]]

\* The ghosts and the diagnosis variables as each trace starts.
StartGhosts ==
    /\ leaders = [term \in {} |-> 0]
    /\ committed = <<BootstrapEntry>>
    /\ stepDownDue = 0
    /\ down = {}
    /\ probed = FALSE
    /\ probe = NoProbe

TraceInit ==
    /\ Init
    /\ calls = NoCalls
    /\ t = 1
    /\ l = 1
    /\ StartGhosts

\* After the last event of a trace, the next trace starts from Init.  TLC
\* cannot take Init' as assignments, so they are spelled out; Init' then
\* checks them (should JointRaft's Init change, this step is disabled and
\* the validator reports the contradiction instead of a verdict).
NextTrace ==
    /\ ~probed
    /\ Done
    /\ t < Len(Traces)
    /\ currentTerm'  = [i \in Server |-> 0]
    /\ votedFor'     = [i \in Server |-> 0]
    /\ log'          = [i \in Server |-> IF i \in Members(Bootstrap) THEN <<BootstrapEntry>> ELSE <<>>]
    /\ role'         = [i \in Server |-> Follower]
    /\ commitIndex'  = [i \in Server |-> IF i \in Members(Bootstrap) THEN 1 ELSE 0]
    /\ votesGranted' = [i \in Server |-> {}]
    /\ matchIndex'   = [i \in Server |-> [j \in Server |-> 0]]
    /\ messages'     = [m \in {} |-> 0]
    /\ snapshot'     = [i \in Server |-> NoSnapshot]
    /\ Init'
    /\ calls' = NoCalls
    /\ t' = t + 1
    /\ l' = 1
    /\ leaders' = [term \in {} |-> 0]
    /\ committed' = <<BootstrapEntry>>
    /\ stepDownDue' = 0
    /\ down' = {}
    /\ UNCHANGED <<probed, probe>>

\* The next event happens as logged.  (e is bound by \E, not LET: a LET
\* definition would be re-evaluated with t and l primed inside ObservedState(..)'.)
TraceStep ==
    /\ ~probed
    /\ ~Done
    /\ \E e \in {Event} :
       /\ Effect(e)
       /\ Matches(e)
       /\ ChecksHold(e)
       /\ UpdateGhosts(e)
    /\ l' = l + 1
    /\ UNCHANGED <<t, probed, probe>>

-----------------------------------------------------------------------------
(* Verdict and diagnosis, printed as "JR~~kind~~..." strings for the Java *)
(* side ("~~" never occurs in TLC's text of a value).                      *)

Out(parts) == PrintT(LET RECURSIVE Join(_)
                         Join(s) == IF s = <<>> THEN "" ELSE "~~" \o Head(s) \o Join(Tail(s))
                     IN  "JR" \o Join(parts))

\* Invariant: prints the trace's number once its last event has been matched.
AcceptedMarker == Done => Out(<<"accepted", ToString(t), ToString(l - 1)>>)

\* The node's spec state, compact (the log through its length and last entries).
SpecStateOf(i) ==
    [currentTerm  |-> currentTerm[i],
     votedFor     |-> votedFor[i],
     role         |-> role[i],
     commitIndex  |-> commitIndex[i],
     logLength    |-> Len(log[i]),
     lastEntries  |-> SubSeq(log[i], Max(snapshot[i].index + 1, Len(log[i]) - 2), Len(log[i])),
     snapshot     |-> snapshot[i],
     effective    |-> [index |-> EffectiveIndex(i), membership |-> EffectiveMembership(i)],
     committedMembershipIndex |-> CommittedMembershipIndex(i),
     votesGranted |-> votesGranted[i],
     matchIndex   |-> matchIndex[i]]

ReportStuck(e) ==
    /\ Out(<<"stuck", ToString(t), ToString(l), ToString(e.node), e.event>>)
    /\ LET s == SpecStateOf(e.node) IN
       \A f \in DOMAIN s : Out(<<"spec", f, ToString(s[f])>>)
    /\ LET g == GuardsOf(e) IN
       \A f \in DOMAIN g : Out(<<"guard", f, ToString(g[f])>>)

\* After Probe: the observed fields, message and entry the spec produced
\* that differ from the event's.
ReportProbe(e) ==
    LET i == e.node
        obs == ObservedState(i)
    IN
    /\ Out(<<"probed", ToString(t), ToString(l)>>)
    /\ e.event \in NodeEvents =>
          \A f \in DOMAIN obs :
              obs[f] /= e.state[f] => Out(<<"field", f, ToString(obs[f]), ToString(e.state[f])>>)
    /\ e.event \in {"SendRequestVote", "SendAppendEntries"} /\ {e.msg} /= probe.sent =>
          Out(<<"sent", "msg", ToString(probe.sent), ToString(e.msg)>>)
    /\ e.event = "SendInstallSnapshot" /\ {e.msg} /= {Visible(m) : m \in probe.sent} =>
          Out(<<"sent", "msg", ToString({Visible(m) : m \in probe.sent}), ToString(e.msg)>>)
    /\ e.event \in {"HandleRequestVote", "HandleAppendEntries", "HandleInstallSnapshot"} /\ {e.reply} /= probe.sent =>
          Out(<<"sent", "reply", ToString(probe.sent), ToString(e.reply)>>)
    /\ LoggedMatch(e) > 0 /\ matchIndex[i][e.msg.source] /= LoggedMatch(e) =>
          Out(<<"field", "match", ToString(matchIndex[i][e.msg.source]), ToString(LoggedMatch(e))>>)
    /\ e.event \in AppendEvents =>
          LET specEntry == <<Len(log[i]), log[i][Len(log[i])]>>
          IN  specEntry /= <<e.index, e.entry>> =>
                  Out(<<"entry", "entry", ToString(specEntry), ToString(<<e.index, e.entry>>)>>)
    /\ \A f \in DOMAIN probe.safety :
          ~probe.safety[f] => Out(<<"safety", f>>)
    /\ \A f \in DOMAIN probe.contract :
          ~probe.contract[f] => Out(<<"contract", f>>)

\* Invariant of the diagnosis run; always TRUE, it only prints.
DiagnosisReport == probed => ReportProbe(Event)

-----------------------------------------------------------------------------
\* Diagnosis only: the next event cannot happen as logged; take its action
\* without the checks, to show what the spec would have done instead.
Probe ==
    /\ Diagnose
    /\ ~probed
    /\ ~Done
    /\ DiagnoseAt \in {0, l}
    /\ ~ENABLED TraceStep
    /\ \E e \in {Event} :
       /\ ReportStuck(e)
       /\ Effect(e)
       /\ probe' = [sent     |-> {m \in DOMAIN messages' : Copies(m) < messages'[m]},
                    safety   |-> SafetyChecks(e),
                    contract |-> ContractChecks(e)]
    /\ probed' = TRUE
    /\ UNCHANGED <<t, l, leaders, committed, stepDownDue, down>>

TraceNext == TraceStep \/ NextTrace \/ Probe

\* Sound because every event fixes its step: see the module comment.
TraceView == <<t, l, probed>>

=============================================================================
