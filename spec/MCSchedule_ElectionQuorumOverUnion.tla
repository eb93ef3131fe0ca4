------------------ MODULE MCSchedule_ElectionQuorumOverUnion ------------------
\* Guided negative check of the election quorum (variant ElectionQuorumOverUnion),
\* five servers, bootstrap {1,2,3}.  3 leads term 1, commits its blank with 2,
\* proposes J = [{1,2,3},{3,4,5}] and sends it to 4 only.  2, without J, wins
\* term 2 with {1,2}; 4, with J, gets 3's and 5's votes: {3,4,5} is a majority
\* of the union of J's configs but holds one vote of {1,2,3}.  The real spec
\* refuses step 25 (BecomeLeader 4); the variant makes 4 a second leader
\* of term 2 (ElectionSafety).
EXTENDS MCSchedule

ElectionQuorumOverUnionTargets == << << {1, 2, 3}, {3, 4, 5} >> >>

ElectionQuorumOverUnionSchedule == <<
    <<"Timeout", 3>>,
    <<"SendRequestVote", 3, 1>>,
    <<"HandleRequestVote", 1, 3>>,
    <<"HandleRequestVoteResponse", 3, 1>>,
    <<"BecomeLeader", 3>>,
    <<"SendAppendEntries", 3, 2, 1, 2>>,
    <<"HandleAppendEntries", 2, 3>>,
    <<"HandleAppendEntriesResponse", 3, 2>>,
    <<"AdvanceCommitIndex", 3, 2>>,
    <<"ProposeMembership", 3, 1>>,
    <<"SendAppendEntries", 3, 4, 0, 3>>,
    <<"HandleAppendEntries", 4, 3>>,
    <<"Timeout", 2>>,
    <<"SendRequestVote", 2, 1>>,
    <<"HandleRequestVote", 1, 2>>,
    <<"HandleRequestVoteResponse", 2, 1>>,
    <<"BecomeLeader", 2>>,
    <<"Timeout", 4>>,
    <<"SendRequestVote", 4, 3>>,
    <<"HandleRequestVote", 3, 4>>,
    <<"HandleRequestVoteResponse", 4, 3>>,
    <<"SendRequestVote", 4, 5>>,
    <<"HandleRequestVote", 5, 4>>,
    <<"HandleRequestVoteResponse", 4, 5>>,
    <<"BecomeLeader", 4>>
>>

=============================================================================
