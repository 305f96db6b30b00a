import { wrapText } from "../text.js";

/** The words the interview and the reports use, each in plain words; `automation-fit glossary` lists them. */
export const GLOSSARY: readonly { term: string; meaning: string }[] = [
  { term: "Stage", meaning: "One step of the customer lifecycle, from finding people who might buy (lead generation) to renewals. Each stage gets its own verdict." },
  { term: "Score", meaning: "From 0 to 100 for a stage: 0 means keep it fully human, 100 means customers are served well there without a person in every step." },
  { term: "Verdict", meaning: "The recommendation for a stage: Automate, Hybrid, Keep human, Insufficient, or Does not apply." },
  { term: "Automate", meaning: "Customers are served well without a person in every step; keep a person one step away." },
  { term: "Hybrid", meaning: "Automate the routine part and keep a person for the rest." },
  { term: "Keep human", meaning: "Customers need a person here; automation works behind the scenes only." },
  { term: "Insufficient", meaning: "Too few answers to say; answer the open questions to get a verdict." },
  { term: "Does not apply", meaning: 'Every question of the stage was answered "Does not apply": the stage is not part of how you work, so it gets no verdict and no plan.' },
  {
    term: "Gate",
    meaning:
      "A rule in the question set that bounds a stage's verdict whatever its score. A cap holds it at Hybrid or Keep human at most, e.g. when customers make regulated or large financial decisions there, or when nobody is there if the automation fails; a floor holds it at Hybrid or Automate at least, e.g. when the stage's routine repeats every time, so there is always something to automate. A cap wins over a floor. The report names the gate.",
  },
  {
    term: "Flip point",
    meaning: 'The fewest answer changes (up to three) that would change a stage\'s verdict. A verdict one answer away is "on the edge": check that answer first.',
  },
  { term: "Roadmap", meaning: "The plays in three phases (first 30 days, 60, 90), quick wins first, each with its human part and the KPIs that watch it." },
  { term: "Tripwire", meaning: "How far a KPI may move from its baseline (the first reading) before the report raises the alarm, e.g. renewal rate down 2 points." },
  { term: "Answered", meaning: 'As in "answered 13 of 13": the questions given a real answer. "Not sure" and "Does not apply" do not count.' },
  { term: "Play", meaning: "A pair: what to automate in a stage, and the human part that automation frees time for." },
  {
    term: "KPI",
    meaning:
      "Key performance indicator: a number to keep watching once a stage is automated, such as the renewal rate. If it gets worse, the automation may be costing you customers.",
  },
  { term: "Campaign", meaning: "Work that stays human whatever the scores, such as check-up calls to hear how customers are doing." },
  { term: "Lead", meaning: "Someone who might buy, before they have talked to you or tried your offer." },
  { term: "Segment", meaning: "A group of buyers alike in some way, such as their industry, size or region." },
  { term: "Account", meaning: "A customer, especially a business customer with its own people, terms and contract." },
  { term: "Churn", meaning: "Customers leaving: not renewing, cancelling or drifting away." },
  { term: "Attrition", meaning: "The share of customers you lose over a period: churn, counted." },
  { term: "Onboarding", meaning: "Getting a new customer started, from the sale to real, everyday use." },
  { term: "Upsell", meaning: "Selling more to a customer you already have: a bigger plan, an add-on, more units." },
  { term: "Lifetime value", meaning: "All a typical customer spends with you over the whole relationship." },
  { term: "FAQ", meaning: "Frequently asked questions: a page or message answering what most people ask." },
  { term: "Account owner", meaning: "The person on your side who looks after a given customer." },
  { term: "Answers file", meaning: "The file the interview saves every answer to (YAML); `report` scores it again at any time." },
  { term: "Question set", meaning: "The stages, questions, plays, KPIs and campaigns the assessment uses; the built-in one has a version, such as v2.1.0, named in every report." },
];

/** The glossary as text for a terminal, each meaning wrapped under its term. */
export function glossaryText(width: number): string {
  return `${GLOSSARY.flatMap(({ term, meaning }) => [term, ...wrapText(meaning, width, "  ")]).join("\n")}\n`;
}
