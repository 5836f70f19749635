/** The demo alliance's pre-final report of the Foundational Learning group: written for Bridges' demo data, not a real report. */
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

Programmes that combine all three have improved reading by 0.3 to 0.6 standard deviations in a year, at a cost of a few dollars per child.

- Daily practice with decodable texts
- Short, frequent checks of what each child can do
- Coaching visits at least once a month

## 3. Language of instruction

Children learn to read faster in a language they speak and understand. Where the language of school differs from the language of home, teaching first in the home language and then moving to the second language helps children learn both.

## 4. Recommendations

Ministries should measure foundational skills in the early grades, fund structured pedagogy at scale, and plan the language of instruction with communities.`,
};
