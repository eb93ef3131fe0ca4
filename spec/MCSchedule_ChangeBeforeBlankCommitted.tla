---------------- MODULE MCSchedule_ChangeBeforeBlankCommitted ----------------
\* Guided negative check of the own-term-committed guard of ProposeMembership
\* (variant ChangeBeforeBlankCommitted), four servers, bootstrap {1,2,3}.
\* 1 leads term 1, commits its blank with 2, proposes J = [{1,2,3},{1,3,4}],
\* commits it with 3, appends S = {1,3,4} on itself only and tells 2 that J
\* is committed.  2 wins term 2 with {2,3,4} (a quorum of both configs of J;
\* 1 refuses, its log is longer), proposes U = {1,2,3} before its blank is
\* committed, and commits its blank and U with {2,3}.  1 then wins term 3
\* with {1,4}, a quorum of its S, and lacks U.  The real spec refuses step 28
\* (ProposeMembership 2 U: no entry of term 2 committed); the variant makes 1
\* a leader without entries 2 knows committed (LeaderCompleteness).
EXTENDS MCSchedule

\* J, S, U
ChangeBeforeBlankCommittedTargets == << << {1, 2, 3}, {1, 3, 4} >>, << {1, 3, 4} >>, << {1, 2, 3} >> >>

ChangeBeforeBlankCommittedSchedule == <<
    <<"Timeout", 1>>,
    <<"SendRequestVote", 1, 2>>,
    <<"HandleRequestVote", 2, 1>>,
    <<"HandleRequestVoteResponse", 1, 2>>,
    <<"BecomeLeader", 1>>,
    <<"SendAppendEntries", 1, 2, 1, 2>>,
    <<"HandleAppendEntries", 2, 1>>,
    <<"HandleAppendEntriesResponse", 1, 2>>,
    <<"AdvanceCommitIndex", 1, 2>>,
    <<"ProposeMembership", 1, 1>>,
    <<"SendAppendEntries", 1, 3, 1, 3>>,
    <<"HandleAppendEntries", 3, 1>>,
    <<"HandleAppendEntriesResponse", 1, 3>>,
    <<"AdvanceCommitIndex", 1, 3>>,
    <<"ProposeMembership", 1, 2>>,
    <<"SendAppendEntries", 1, 2, 2, 3>>,
    <<"HandleAppendEntries", 2, 1>>,
    <<"Timeout", 2>>,
    <<"SendRequestVote", 2, 3>>,
    <<"HandleRequestVote", 3, 2>>,
    <<"HandleRequestVoteResponse", 2, 3>>,
    <<"SendRequestVote", 2, 4>>,
    <<"HandleRequestVote", 4, 2>>,
    <<"HandleRequestVoteResponse", 2, 4>>,
    <<"SendRequestVote", 2, 1>>,
    <<"HandleRequestVote", 1, 2>>,
    <<"BecomeLeader", 2>>,
    <<"ProposeMembership", 2, 3>>,
    <<"SendAppendEntries", 2, 3, 3, 5>>,
    <<"HandleAppendEntries", 3, 2>>,
    <<"HandleAppendEntriesResponse", 2, 3>>,
    <<"AdvanceCommitIndex", 2, 5>>,
    <<"Timeout", 1>>,
    <<"SendRequestVote", 1, 4>>,
    <<"HandleRequestVote", 4, 1>>,
    <<"HandleRequestVoteResponse", 1, 4>>,
    <<"BecomeLeader", 1>>
>>

=============================================================================
