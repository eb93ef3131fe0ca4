--------------- MODULE MCSchedule_CommitPreviousTermByCounting ---------------
\* Guided negative check of the own-term commit rule (variant
\* CommitPreviousTermByCounting, Raft's Figure 8), voters {1,2,3}.  1 leads
\* term 1 with its blank b1 on itself only; 2 leads term 2 with 3's vote (its
\* blank b2 at index 2); 1 leads term 3 with 3's vote, copies b1 to 3 and, now
\* that {1,3} hold it, commits index 2 by counting; 2 then leads term 4 with
\* 3's vote (its b2 is of a later term than 3's b1) and lacks b1, which 1
\* knows committed.  The real spec refuses step 23 (AdvanceCommitIndex 1 2:
\* b1 is not of term 3); the variant makes 2 a leader without a committed
\* entry (LeaderCompleteness).
EXTENDS MCSchedule

CommitPreviousTermByCountingTargets == << >>

CommitPreviousTermByCountingSchedule == <<
    <<"Timeout", 1>>,
    <<"SendRequestVote", 1, 2>>,
    <<"HandleRequestVote", 2, 1>>,
    <<"HandleRequestVoteResponse", 1, 2>>,
    <<"BecomeLeader", 1>>,
    <<"Timeout", 2>>,
    <<"SendRequestVote", 2, 3>>,
    <<"HandleRequestVote", 3, 2>>,
    <<"HandleRequestVoteResponse", 2, 3>>,
    <<"SendRequestVote", 2, 1>>,
    <<"HandleRequestVote", 1, 2>>,
    <<"BecomeLeader", 2>>,
    <<"Timeout", 1>>,
    <<"SendRequestVote", 1, 3>>,
    <<"HandleRequestVote", 3, 1>>,
    <<"HandleRequestVoteResponse", 1, 3>>,
    <<"SendRequestVote", 1, 2>>,
    <<"HandleRequestVote", 2, 1>>,
    <<"BecomeLeader", 1>>,
    <<"SendAppendEntries", 1, 3, 1, 2>>,
    <<"HandleAppendEntries", 3, 1>>,
    <<"HandleAppendEntriesResponse", 1, 3>>,
    <<"AdvanceCommitIndex", 1, 2>>,
    <<"Timeout", 2>>,
    <<"SendRequestVote", 2, 3>>,
    <<"HandleRequestVote", 3, 2>>,
    <<"HandleRequestVoteResponse", 2, 3>>,
    <<"BecomeLeader", 2>>
>>

=============================================================================
