import type { Assessment, StageAssessment } from "../../src/model/report.js";

export const HOSTILE_CLIENT = "Acme | Co <script>alert(1)</script> *big* \u001b[31mred\nsecond line";

const noFlip = { cappedBy: null, raisedBy: null, flip: null, flipOtherWay: null, flipText: null, edge: false, flipSearch: "exact" } as const;

const counts = (answered: number, questions: number): StageAssessment["counts"] => ({ questions, answered, unsure: 0, notApplicable: 0, unanswered: questions - answered });

/** Four stages, one per verdict; hostile text from "files" in the client, a stage name, a note and a play. */
export function assessment(): Assessment {
  return {
    schemaVersion: 2,
    set: { name: "Customer lifecycle", version: "1.2" },
    client: HOSTILE_CLIENT,
    assessor: "Dana_Smith [consultant]",
    date: "2025-03-14",
    thresholds: { automate: 65, human: 35, minConfidence: 0.5 },
    stages: [
      {
        ...noFlip,
        id: "billing",
        name: "Billing | invoices <b>",
        description: "Sending invoices, taking payment and chasing what is late.",
        score: 82,
        verdict: "automate",
        thresholds: { automate: 65, human: 35 },
        confidence: 1,
        reason: "Scores 82, at or above 65: customers can be served well here without a person in every step.",
        drivers: [
          { questionId: "auto-pay", question: "Do most customers pay by card or direct debit?", signal: "automate", answer: "yes", answerLabel: "Yes", effect: 25 },
          {
            questionId: "negotiated-terms",
            question: "Are payment terms negotiated per customer?",
            signal: "human",
            answer: "partly",
            answerLabel: "Partly",
            effect: -4.5,
            note: "Two big accounts \u001b]0;pwned\u0007 have custom terms \u009b2J see https://example.com/terms",
          },
        ],
        counts: counts(3, 3),
        plays: [
          {
            title: "Dunning sequence",
            automate: "Reminders at 3, 10 and 20 days overdue.",
            human: "A call from the account owner before anything goes to collections.",
            relevance: 0,
          },
        ],
        kpis: [{ id: "dso", name: "Days sales outstanding", watch: "Is cash coming in as fast as before the reminders went automatic?", stages: ["billing"] }],
      },
      {
        ...noFlip,
        id: "onboarding",
        name: "Onboarding",
        description: "The first 30 days after the contract is signed.",
        score: 58,
        verdict: "hybrid",
        thresholds: { automate: 65, human: 35 },
        confidence: 0.8,
        reason:
          'Scores 58, between 35 and 65: automate the routine part and keep a person for the rest. Strongest pull toward automating: "Is setup the same for every customer?" (yes). Strongest pull toward a person: "Do customers need training?" (partly).',
        drivers: [
          {
            questionId: "same-setup",
            question: "Is setup the same for every customer?",
            signal: "automate",
            answer: "yes",
            answerLabel: "Yes",
            effect: 12.5,
            note: "Except\tenterprise plans",
          },
          { questionId: "training", question: "Do customers need training?", signal: "human", answer: "partly", answerLabel: "Partly", effect: -6 },
        ],
        counts: counts(4, 5),
        plays: [
          {
            title: "Welcome *sequence*",
            automate: "Account setup, welcome e-mails and a checklist: supercalifragilisticexpialidocious-https://example.com/a/very/long/path/that/cannot/be/wrapped/at/a/space",
            human: "A kickoff call with a named person.",
            relevance: 0,
          },
        ],
        kpis: [
          { id: "time-to-value", name: "Time to first value", watch: "Do new customers reach their first result as fast as with a person guiding them?", stages: ["onboarding"] },
        ],
      },
      {
        ...noFlip,
        id: "reviews",
        name: "Account reviews",
        description: "Quarterly reviews with larger customers.",
        score: 20,
        verdict: "human",
        thresholds: { automate: 65, human: 35 },
        confidence: 0.9,
        reason: 'Scores 20, at or below 35: customers need a person here. Strongest pull toward a person: "Is each review tailored?" (yes).',
        drivers: [{ questionId: "tailored", question: "Is each review tailored?", signal: "human", answer: "yes", answerLabel: "Yes", effect: -30 }],
        counts: counts(2, 2),
        plays: [{ title: "Review prep", automate: "Pull usage numbers into the review deck.", human: "The conversation itself.", relevance: 0 }],
        kpis: [],
      },
      {
        ...noFlip,
        id: "renewal",
        name: "Renewal",
        description: "Deciding with the customer whether to continue.",
        score: null,
        verdict: "insufficient",
        thresholds: { automate: 65, human: 35 },
        confidence: 0,
        reason: "Too little answered to say: 0 of 2 questions (confidence 0%, needs 50%). Answer the 2 open or unsure questions to get a verdict.",
        drivers: [],
        counts: counts(0, 2),
        plays: [],
        kpis: [],
      },
    ],
    warnings: [],
    summary: [],
    roadmap: [],
    kpiWatch: [],
    campaigns: [
      { id: "bad-news", name: "Bad news", description: "Price rises, outages and anything a customer would rather hear from a person." },
      { id: "win-back", name: "Win-back <i>", description: "Talking to customers who left." },
    ],
    answers: [],
  };
}
