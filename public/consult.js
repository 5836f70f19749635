// Consultations: commenting on a selected passage (an enhancement; every paragraph has a link that works without it).
