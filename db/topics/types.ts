// The shape of the demo complaints: each topic carries everything said about one kind of
// complaint, so that a leak gets answers about the leak. Texts may hold placeholders that
// the seed fills per complaint: {b} building (栋), {u} unit (单元), {r} room, {p} parking
// space, {date} the promised date ("5月12日"), {unit} the regional company's name.
import type { ComplaintType, Department, Severity } from "../../app/lib/domain";

export type ProjectSlug = "yunqi-garden" | "nanshan-one" | "binjiang-li" | "qinghe-yuan" | "cuihu-bay";

/** One way of solving it: what the solution promises, what the done solution says, the proof of the promise kept. */
export type Fix = {
  /** A dated solution: what will be done, by {date}. */
  plan: string;
  /** A solution that says it is done (also posted when a plan is delivered). */
  done: string;
  /** The public note recording the promise kept. */
  kept: string;
  /** Days from the solution to the promised date. */
  days: readonly [number, number];
};

export type Topic = {
  key: string;
  type: ComplaintType;
  department: Department;
  /** Severities it is given (one is drawn). */
  severity: readonly Severity[];
  /** The projects where it can come up. */
  projects: readonly ProjectSlug[];
  /** Relative frequency among generated complaints; 0: only the hand-written one. */
  weight: number;
  /** Local months (1-12) when it comes up; all year when absent. */
  months?: readonly number[];
  /** The nearby factor it is about, per project (a key of DEMO_FACTORS). */
  factor?: Partial<Record<ProjectSlug, string>>;
  /** What the matter is, for call-back and supervision notes: "外墙渗水维修". */
  subject: string;
  /** Further complaints of this kind, for the generator. */
  variants: readonly { title: string; body: string }[];
  /** What other owners reply. */
  replies: readonly string[];
  /** Public acknowledgement notes. */
  ack: readonly string[];
  /** Progress notes (进展说明) before the solution. */
  progress: readonly string[];
  /** The first fix, and the more thorough one a reopened complaint gets. */
  fixes: readonly [Fix, Fix];
  /** The author's comment when it is not solved. */
  reopen: readonly string[];
  /** The author's comment when a promise passed its date undelivered (未兑现). */
  notDelivered: readonly string[];
  /** Rating comments of a satisfied author, and of one who is not quite. */
  praise: readonly string[];
  grumble: readonly string[];
  /** Call-back notes: satisfied, not satisfied. */
  callbackOk: readonly string[];
  callbackNo: readonly string[];
  /** Some complaints of this kind turn out not to be the company's doing: the public reason and the answer. */
  invalid?: { share: number; reason: string; answer: string };
};
