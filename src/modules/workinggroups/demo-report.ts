/**
 * The demo alliance's pre-final reports of its two working groups, each with a French translation
 * lined up block for block: written for Bridges' demo data, not real reports.
 */
export const FOUNDATIONAL_REPORT = {
  title: 'Learning to read, write and count in the first three years of school',
  note: 'The draft discussed at the group’s June meeting, with the evidence tables completed.',
  markdown: `# Learning to read, write and count in the first three years of school

This background report summarises what research tells teachers and ministries about the first three years of primary school. It is a pre-final draft: the working group invites comments from practitioners, policymakers and development partners before the annual meeting.

## 1. Why the first years matter

Children who cannot read a simple text with understanding by the end of grade 3 rarely catch up later. In many low- and middle-income countries, more than half of ten-year-olds are in this situation.

Gaps open early and widen every year: a child who reads slowly takes in less of every other subject.

## 2. What works in classrooms

Structured pedagogy combines three things: lesson plans that tell the teacher what to do each day, books children can decode with the letters they have learned, and regular coaching for teachers.

Programmes that combine all three have improved reading by 0.3 to 0.6 standard deviations in a year, at a cost of a few dollars per child.[^1]

- Daily practice with decodable texts
- Short, frequent checks of what each child can do
- Coaching visits at least once a month

## 3. Language of instruction

Children learn to read faster in a language they speak and understand. Where the language of school differs from the language of home, teaching first in the home language and then moving to the second language helps children learn both.

## 4. Recommendations

Ministries should measure foundational skills in the early grades, fund structured pedagogy at scale, and plan the language of instruction with communities.

[^1]: The range covers the evaluations the group reviewed; the evidence tables list each study, its country and its cost per child.`,
};

export const FOUNDATIONAL_REPORT_FR = {
  title: 'Apprendre à lire, à écrire et à compter pendant les trois premières années d’école',
  translator: 'Secrétariat de l’Alliance',
  markdown: `# Apprendre à lire, à écrire et à compter pendant les trois premières années d’école

Ce rapport de référence résume ce que la recherche apprend aux enseignants et aux ministères sur les trois premières années de l’école primaire. Il s’agit d’une version préfinale : le groupe de travail invite praticiens, décideurs et partenaires de développement à la commenter avant la réunion annuelle.

## 1. Pourquoi les premières années comptent

Les enfants qui ne savent pas lire un texte simple en le comprenant à la fin de la 3e année rattrapent rarement leur retard. Dans de nombreux pays à revenu faible ou intermédiaire, plus de la moitié des enfants de dix ans sont dans cette situation.

Les écarts se creusent tôt et s’élargissent chaque année : un enfant qui lit lentement retient moins de toutes les autres matières.

## 2. Ce qui fonctionne en classe

La pédagogie structurée associe trois éléments : des fiches de leçon qui disent à l’enseignant quoi faire chaque jour, des livres que les enfants peuvent déchiffrer avec les lettres apprises, et un accompagnement régulier des enseignants.

Les programmes qui associent les trois ont amélioré la lecture de 0,3 à 0,6 écart-type en un an, pour quelques dollars par enfant.[^1]

- Pratique quotidienne avec des textes déchiffrables
- Vérifications courtes et fréquentes de ce que chaque enfant sait faire
- Visites d’accompagnement au moins une fois par mois

## 3. Langue d’enseignement

Les enfants apprennent à lire plus vite dans une langue qu’ils parlent et comprennent. Lorsque la langue de l’école diffère de celle de la maison, enseigner d’abord dans la langue maternelle puis passer à la seconde langue aide les enfants à apprendre les deux.

## 4. Recommandations

Les ministères devraient mesurer les compétences fondamentales dans les premières années, financer la pédagogie structurée à grande échelle et planifier la langue d’enseignement avec les communautés.

[^1]: Cette fourchette couvre les évaluations examinées par le groupe ; les tableaux de données indiquent pour chaque étude son pays et son coût par enfant.`,
};

export const TECHNOLOGY_REPORT = {
  title: 'Technology in early-grade classrooms: what the evidence says',
  note: 'First public draft, for consultation before the annual meeting.',
  markdown: `# Technology in early-grade classrooms: what the evidence says

This background report looks at how computers, tablets, phones and radio are used to help children in the first years of school learn to read and count, and at what that costs. It is a pre-final draft: the working group would like to hear from teachers, ministries and the people who build these tools.

## 1. What we looked at

We reviewed evaluations of programmes in primary schools in low- and middle-income countries, keeping those that measured what children learned rather than how often devices were used.

## 2. Where technology helps

Software that adapts to each child’s level, used for short daily sessions, has raised mathematics results in several evaluations. It works best when it gives every child practice at the right level, which a teacher with sixty pupils cannot do alone.

Radio and phone lessons kept some learning going when schools closed, especially when teachers called families to follow up.

## 3. Where it does not

Handing out devices without changing how lessons are taught has, on its own, made little difference to learning. Devices break, batteries run down, and content in a language children do not speak is of little use.

## 4. Conditions for success

- Electricity and maintenance planned for, not assumed
- Teachers trained to use the tool inside their lessons
- Content in the children’s languages, tied to the curriculum
- A budget for the years after the pilot

## 5. Recommendations

Start from a learning problem, not a device; test at small scale and measure learning; and count the full cost per child over five years before scaling up.[^1]

[^1]: Full costs include devices, connectivity, content, training, maintenance and replacement; pilots often report only the first two.`,
};

export const TECHNOLOGY_REPORT_FR = {
  title: 'La technologie dans les classes des premières années : ce que disent les données',
  translator: 'Secrétariat de l’Alliance',
  markdown: `# La technologie dans les classes des premières années : ce que disent les données

Ce rapport de référence examine comment ordinateurs, tablettes, téléphones et radio sont utilisés pour aider les enfants des premières années d’école à apprendre à lire et à compter, et ce que cela coûte. Il s’agit d’une version préfinale : le groupe de travail souhaite entendre les enseignants, les ministères et celles et ceux qui conçoivent ces outils.

## 1. Ce que nous avons examiné

Nous avons passé en revue des évaluations de programmes dans des écoles primaires de pays à revenu faible ou intermédiaire, en retenant celles qui mesuraient ce que les enfants avaient appris plutôt que la fréquence d’utilisation des appareils.

## 2. Là où la technologie aide

Les logiciels qui s’adaptent au niveau de chaque enfant, utilisés en courtes séances quotidiennes, ont amélioré les résultats en mathématiques dans plusieurs évaluations. Ils fonctionnent mieux lorsqu’ils donnent à chaque enfant des exercices à son niveau, ce qu’un enseignant avec soixante élèves ne peut pas faire seul.

Les leçons à la radio et par téléphone ont maintenu une partie des apprentissages pendant la fermeture des écoles, surtout lorsque les enseignants appelaient les familles pour assurer le suivi.

## 3. Là où elle n’aide pas

Distribuer des appareils sans changer la manière d’enseigner n’a, à lui seul, guère amélioré les apprentissages. Les appareils tombent en panne, les batteries se vident, et des contenus dans une langue que les enfants ne parlent pas servent peu.

## 4. Conditions de réussite

- L’électricité et la maintenance prévues, et non supposées
- Des enseignants formés à utiliser l’outil dans leurs leçons
- Des contenus dans les langues des enfants, liés au programme scolaire
- Un budget pour les années qui suivent le projet pilote

## 5. Recommandations

Partir d’un problème d’apprentissage, et non d’un appareil ; tester à petite échelle et mesurer les apprentissages ; et compter le coût complet par enfant sur cinq ans avant de passer à l’échelle.[^1]

[^1]: Le coût complet comprend les appareils, la connectivité, les contenus, la formation, la maintenance et le remplacement ; les projets pilotes n’indiquent souvent que les deux premiers.`,
};

/** A short note of the Foundational Learning group, consulted on last term and since published in its final version. */
export const COACHING_NOTE = {
  title: 'Coaching teachers at a distance',
  note: 'The pre-final note put to consultation.',
  markdown: `# Coaching teachers at a distance

Where one coordinator supports forty schools, a monthly visit to every classroom is not possible. This note sets out how coaching by phone and messaging can fill the gap between visits.

## What the evidence says

Three trials in East Africa found that a phone call every two weeks, following a short observation guide, kept most of the gains of in-person coaching at a third of the cost.

## What to do

Ministries should give coordinators airtime and a simple guide, and count calls as part of their workload.

Keep one visit per term, so that coaches see the classroom for themselves.`,
};

/** The same note in its final version, changed after the consultation. */
export const COACHING_NOTE_FINAL = {
  title: 'Coaching teachers at a distance',
  note: 'The final version, after the consultation: each change answers comments (see the comment-and-response report).',
  markdown: `# Coaching teachers at a distance

Where one coordinator supports forty schools, a monthly visit to every classroom is not possible. This note sets out how coaching by phone and messaging can fill the gap between visits.

## What the evidence says

Three trials in Kenya, Uganda and Malawi found that a phone call every two weeks, following a short observation guide, kept most of the gains of in-person coaching at a third of the cost. Gains were smaller where teachers had no phone of their own.

## What to do

Ministries should give coordinators airtime, mobile data for messaging and a simple guide, and count calls and messages as part of their workload.

Messaging groups where teachers share short videos of their lessons support coaching between calls; they do not replace it.

Keep one visit per term, so that coaches see the classroom for themselves.`,
};
