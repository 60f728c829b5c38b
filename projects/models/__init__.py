"""The models of host administrations, their challenges, and the call for challenges."""

from projects.models.call import (
    AdministrationInvitation,
    AdministrationMembership,
    ChallengeProposal,
    PrivateStorage,
    ProposalAttachment,
    ProposalStatus,
    private_storage,
)
from projects.models.challenges import (
    Administration,
    AdministrationKind,
    Challenge,
    ChallengeLink,
    ChallengeStatus,
    KeyFigure,
    LinkKind,
    Outcome,
    Skill,
    TeamMembership,
    TeamRole,
    Theme,
)
from projects.models.jury import (
    SCORE_MAX,
    ReviewAssignment,
    ReviewCriterion,
    ReviewRound,
    ReviewScore,
)
from projects.models.objectives import ChallengeObjective, ObjectiveValue
from projects.models.outcomes import (
    MILESTONE_MONTHS,
    OutcomeAnswer,
    OutcomeMilestone,
    OutcomeRequest,
)
from projects.models.progress import Mood, ProgressDigest, ProgressReminder, ProgressReport

__all__ = [
    "SCORE_MAX",
    "Administration",
    "AdministrationInvitation",
    "AdministrationKind",
    "AdministrationMembership",
    "Challenge",
    "ChallengeLink",
    "ChallengeObjective",
    "ChallengeProposal",
    "ChallengeStatus",
    "KeyFigure",
    "LinkKind",
    "Mood",
    "ObjectiveValue",
    "MILESTONE_MONTHS",
    "Outcome",
    "OutcomeAnswer",
    "OutcomeMilestone",
    "OutcomeRequest",
    "PrivateStorage",
    "ProgressDigest",
    "ProgressReminder",
    "ProgressReport",
    "ProposalAttachment",
    "ProposalStatus",
    "ReviewAssignment",
    "ReviewCriterion",
    "ReviewRound",
    "ReviewScore",
    "Skill",
    "TeamMembership",
    "TeamRole",
    "Theme",
    "private_storage",
]
