#pragma once

// Prose in the style of a public review of leadership and EDI in a health
// service, for the benchmarks' reports: section headings, numbered
// recommendations, curly-quoted testimony with accented names, figures, em
// dashes and curly apostrophes. The same generator state gives the same text.

#include "rng.hpp"

#include <array>
#include <string>
#include <string_view>

namespace gloss::bench {

using Words = std::string_view;

constexpr std::array<Words, 16> kSubjects = {
    "The trust board",
    "Senior leaders",
    "Staff from ethnic minority backgrounds",
    "The review team",
    "Line managers",
    "The Freedom to Speak Up Guardian",
    "Many respondents",
    "Non-executive directors",
    "The people directorate",
    "Nurses and midwives we spoke to",
    "The staff network chairs",
    "Disabled colleagues",
    "The integrated care board",
    "Resident doctors",
    "The executive team",
    "Union representatives",
};

constexpr std::array<Words, 12> kReportingVerbs = {
    "reported that", "acknowledged that", "told us that",         "described how",
    "found that",    "noted that",        "raised concerns that", "were clear that",
    "accepted that", "explained that",    "did not believe that", "questioned whether",
};

constexpr std::array<Words, 20> kClauses = {
    "recruitment panels rarely reflected the diversity of the local population",
    "concerns about bullying were not always acted upon",
    "the workforce race equality standard data had not been discussed at board level",
    "promotion to band 8a and above remained out of reach for most internationally educated nurses",
    "reasonable adjustments took months to agree and were often lost when a manager changed",
    "the trust’s values were well known but not consistently lived",
    "exit interviews were offered to fewer than half of leavers",
    "the equality impact assessments were completed after decisions had already been taken",
    "staff networks had no protected time and relied on the goodwill of their chairs",
    "complaints of racism were investigated by colleagues of the person complained about",
    "the gender pay gap had widened in each of the last three years",
    "leadership programmes were offered by nomination, which favoured those already visible",
    "data on disciplinary cases was not broken down by ethnicity or disability",
    "speaking up was seen as a risk to one’s career rather than a duty",
    "the board received assurance reports but rarely heard directly from staff",
    "the culture of the operating theatres was described as hierarchical and closed",
    "a sustained programme of reverse mentoring had changed how some executives listened",
    "the policy on flexible working was applied unevenly between directorates",
    "agency and bank staff were excluded from most engagement activity",
    "targets for senior representation had been set without a plan to meet them",
};

constexpr std::array<Words, 14> kAdjuncts = {
    "in the last three years",
    "across every directorate we visited",
    "despite repeated commitments from the board",
    "according to the 2023 staff survey",
    "particularly on night shifts",
    "in both acute and community services",
    "since the merger of the two trusts",
    "at every level of the organisation",
    "in the maternity and neonatal services",
    "when compared with similar trusts in the region",
    "even where local leaders were committed to change",
    "over the period covered by this review",
    "in the evidence submitted to us",
    "in spite of several earlier reviews",
};

constexpr std::array<Words, 18> kNames = {
    "Zoë Ó Súilleabháin", "José Núñez",         "Siobhán Ní Bhriain",    "Chiamaka Nwosu",
    "Anaïs Lefèvre",      "Björn Åkesson",      "Małgorzata Wiśniewska", "François Dubois",
    "Renée Caron",        "Nuño Peña",          "Kwame Mensah",          "Priya Raman",
    "Dr Ayşe Yılmaz",     "Eóin Mac Giolla",    "Thandiwe Dlamini",      "Søren Kjærgaard",
    "Inés Ibáñez",        "Mohammed Al-Rashid",
};

constexpr std::array<Words, 10> kRoles = {
    "a ward manager",  "a consultant anaesthetist",    "a healthcare assistant", "a staff network chair",
    "a junior sister", "a porter on the night team",   "a divisional director",  "a specialist midwife",
    "a radiographer",  "a member of the estates team",
};

constexpr std::array<Words, 14> kTestimony = {
    "We were told to keep our heads down and get on with it",
    "I stopped reporting it because nothing ever changed",
    "The board talks about inclusion, but nobody in my team has ever been asked what it means",
    "I’ve applied for the same promotion four times — each time someone else was ‘a better fit’",
    "When I asked for an adjustment, my manager said it wouldn’t be fair on the others",
    "Speaking up cost me my job on that ward",
    "For the first time, a director sat with us and actually listened",
    "People like me don’t get put forward for the leadership course",
    "We have the data; what we don’t have is anyone who is accountable for it",
    "The network is the only place I feel I can be myself",
    "It isn’t one incident, it’s a thousand small ones",
    "I was made to feel that raising racism was the problem, not the racism",
    "Our chief executive’s visit changed nothing on the ground",
    "Flexible working depends entirely on who your manager is",
};

constexpr std::array<Words, 16> kTopics = {
    "Leadership and accountability",
    "Recruitment and promotion",
    "Speaking up",
    "Bullying and harassment",
    "Disability and adjustments",
    "Workforce data",
    "Pay and reward",
    "Staff networks",
    "Board assurance",
    "Learning and development",
    "Maternity services",
    "Estates and facilities",
    "Temporary staffing",
    "Complaints and investigations",
    "Culture in theatres",
    "Community services",
};

constexpr std::array<Words, 12> kRecommendationActions = {
    "publish its workforce race equality standard data with a board-approved action plan",
    "give every staff network chair at least one protected day a month",
    "ensure that investigations of discrimination are led from outside the directorate concerned",
    "set and monitor targets for senior representation, with named executive owners",
    "agree reasonable adjustments within six weeks and record them in a passport that moves with the "
    "employee",
    "report the outcome of every Freedom to Speak Up case to the person who raised it",
    "open all leadership programmes to self-nomination and publish who takes part",
    "commission an independent review of culture in its operating theatres",
    "include bank and agency staff in the annual staff survey",
    "break down disciplinary and capability cases by ethnicity, disability and sex",
    "complete equality impact assessments before, not after, service changes are agreed",
    "hear directly from staff at every public board meeting",
};

inline void appendSentence(std::string& out, Rng& rng) {
    switch (rng.below(10)) {
    case 0: { // testimony
        out += "“";
        out += rng.pick(kTestimony);
        out += ",” said ";
        out += rng.pick(kNames);
        out += ", ";
        out += rng.pick(kRoles);
        out += '.';
        break;
    }
    case 1: { // a figure
        out += "In ";
        out += std::to_string(2016 + rng.below(9));
        out += ", ";
        out += std::to_string(rng.between(3, 87));
        out += "% of ";
        out += rng.chance(0.5) ? "staff" : "respondents";
        out += " said that ";
        out += rng.pick(kClauses);
        out += " — compared with ";
        out += std::to_string(rng.between(3, 87));
        out += "% nationally.";
        break;
    }
    case 2: { // attributed finding
        out += rng.pick(kNames);
        out += ", ";
        out += rng.pick(kRoles);
        out += ", ";
        out += rng.pick(kReportingVerbs);
        out += ' ';
        out += rng.pick(kClauses);
        out += '.';
        break;
    }
    default: {
        out += rng.pick(kSubjects);
        out += ' ';
        out += rng.pick(kReportingVerbs);
        out += ' ';
        out += rng.pick(kClauses);
        if (rng.chance(0.6)) {
            out += ' ';
            out += rng.pick(kAdjuncts);
        }
        if (rng.chance(0.25)) {
            out += ", and that ";
            out += rng.pick(kClauses);
        }
        out += '.';
        break;
    }
    }
}

inline std::string generateReport(size_t bytes, Rng& rng) {
    std::string out;
    out.reserve(bytes + 4096);
    out += "Review of leadership, equality, diversity and inclusion\n\nFinal report\n\n";
    int chapter = 0, section = 0, recommendation = 0, paragraphsInSection = 0;
    while (out.size() < bytes) {
        if (paragraphsInSection == 0) {
            if (section % 12 == 0) {
                ++chapter;
                out += "\fChapter " + std::to_string(chapter) + ": ";
                out += rng.pick(kTopics);
                out += "\n\n";
            }
            ++section;
            out += std::to_string(chapter) + "." + std::to_string(section) + " ";
            out += rng.pick(kTopics);
            out += "\n\n";
            paragraphsInSection = static_cast<int>(rng.between(4, 12));
        }
        if (rng.chance(0.08)) {
            out += "Recommendation " + std::to_string(++recommendation) + ": The trust should ";
            out += rng.pick(kRecommendationActions);
            out += ".\n\n";
        } else {
            const size_t sentences = rng.between(3, 8);
            for (size_t i = 0; i < sentences; ++i) {
                if (i > 0) out += ' ';
                appendSentence(out, rng);
            }
            out += "\n\n";
        }
        --paragraphsInSection;
    }
    return out;
}

} // namespace gloss::bench
